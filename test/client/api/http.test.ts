import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, cookieValue, deleteJson, postJson } from '../../../client/api/http';

describe('reading a cookie of the page', () => {
  it.each([
    ['gb_csrf=abc', 'abc'],
    ['theme=dark; gb_csrf=abc.def-1; other=2', 'abc.def-1'],
    ['  gb_csrf = spaced ', 'spaced'],
    ['x_gb_csrf=no; gb_csrfx=no', null],
    ['gb_csrf=', null],
    ['', null],
    ['gb_csrf=a%2Bb', 'a+b'],
    ['gb_csrf=%E0%A4%A', '%E0%A4%A'],
    ['gb_csrf=a=b', 'a=b'],
  ])('%j gives %j', (cookies, expected) => {
    expect(cookieValue(cookies, 'gb_csrf')).toBe(expected);
  });
});

describe('a change sent to the API', () => {
  const sent: Array<{ url: string; init: RequestInit }> = [];
  const answer = (status: number, body?: unknown) =>
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit) => {
        sent.push({ url, init });
        return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status }));
      }),
    );
  const header = (name: string) => new Headers(sent.at(-1)!.init.headers).get(name);

  afterEach(() => {
    vi.unstubAllGlobals();
    sent.length = 0;
    document.cookie = 'gb_csrf=; max-age=0';
  });

  it('carries the CSRF token of a signed-in page', async () => {
    document.cookie = 'gb_csrf=token-1';
    answer(200, { ok: true });
    await postJson('/api/incidents/i/ack', {});
    expect(header('x-csrf-token')).toBe('token-1');
    answer(204);
    await expect(deleteJson('/api/admin/tokens/t')).resolves.toBeUndefined();
    expect(sent.at(-1)!.init.method).toBe('DELETE');
    expect(header('x-csrf-token')).toBe('token-1');
  });

  it('carries none where nobody is signed in', async () => {
    answer(200, { ok: true });
    await postJson('/api/incidents/i/ack', {});
    expect(header('x-csrf-token')).toBeNull();
  });

  it("turns a refusal into an ApiError with the server's words", async () => {
    answer(403, { error: { code: 'csrf', message: 'reload the page and try again' } });
    const error = await deleteJson('/api/admin/tokens/t').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'csrf', message: 'reload the page and try again' });
  });
});
