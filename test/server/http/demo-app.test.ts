import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../helpers/webapp';

let shop: DemoShop;
beforeAll(async () => {
  shop = await startDemoShop();
});
afterAll(async () => {
  await shop.close();
});

async function signIn(): Promise<string> {
  const response = await fetch(`${shop.url}login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo-password' }),
  });
  return ((await response.json()) as { token: string }).token;
}

describe('the demo shop that scenario and browser checks exercise', () => {
  it('a form login sets a session cookie and sends the user to search', async () => {
    const response = await fetch(`${shop.url}login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'demo', password: 'demo-password' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(/^shop_session=\w+/);
  });

  it('a wrong password is refused', async () => {
    const response = await fetch(`${shop.url}login`, { method: 'POST', body: new URLSearchParams({ username: 'demo', password: 'nope' }) });
    expect(response.status).toBe(401);
  });

  it('search needs a session and finds results', async () => {
    expect((await fetch(`${shop.url}search?q=lamp`)).status).toBe(401);
    const token = await signIn();
    const body = await (await fetch(`${shop.url}search?q=lamp`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })).json();
    expect(body).toEqual({ query: 'lamp', results: ['lamp (small)', 'lamp (large)'] });
  });

  it('a multipart upload reports the file it received', async () => {
    const token = await signIn();
    const form = new FormData();
    form.append('file', new Blob(['hello world']), 'hello.txt');
    const body = await (
      await fetch(`${shop.url}upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })
    ).json();
    expect(body).toEqual({ uploaded: 'hello.txt', bytes: 11 });
  });

  it('a switched-on fault breaks that step only', async () => {
    const token = await signIn();
    shop.faults.add('search');
    const body = await (await fetch(`${shop.url}search?q=lamp`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })).json();
    shop.faults.clear();
    expect(body.results).toEqual([]);
  });

  it('logging out ends the session', async () => {
    const token = await signIn();
    await fetch(`${shop.url}logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(`${shop.url}search?q=x`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});
