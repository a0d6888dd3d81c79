import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../helpers/board';

/** The Content-Security-Policy of an answer, directive by directive. */
function policyOf(response: Response): Map<string, string[]> {
  const header = response.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the headers every answer carries', () => {
  let board: RunningBoard | undefined;
  afterEach(async () => {
    await board?.close();
    board = undefined;
  });

  it('a strict CSP with no inline script, no framing, no sniffing, no referrer to other sites', async () => {
    board = await startBoard('services: []\n');
    const response = await fetch(`${board.url}/api/services`);
    const policy = policyOf(response);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("the server's own pages' one inline style is allowed by its hash, and nothing else inline is", async () => {
    board = await startBoard('services: []\n');
    const response = await fetch(`${board.url}/signin`);
    const html = await response.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
    expect(policyOf(response).get('style-src')).toEqual(["'self'", hash]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it('frames only in the pages the config names, which X-Frame-Options cannot say, so it is left out', async () => {
    board = await startBoard('access:\n  frameAncestors: ["https://wiki.example.com"]\nservices: []\n');
    const response = await fetch(`${board.url}/healthz`);
    expect(policyOf(response).get('frame-ancestors')).toEqual(["'self'", 'https://wiki.example.com']);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it('CORS only for the origins the config names', async () => {
    board = await startBoard('access:\n  corsOrigins: ["https://tools.example.com"]\nservices: []\n');
    const allowed = await fetch(`${board.url}/api/services`, { headers: { origin: 'https://tools.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://tools.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await fetch(`${board.url}/api/services`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${board.url}/api/incidents/x/ack`, {
      method: 'OPTIONS',
      headers: { origin: 'https://tools.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-csrf-token' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-csrf-token');
  });

  it('a config that names a frame ancestor or an origin that is no origin is refused at load, naming it', async () => {
    await expect(startBoard('access:\n  frameAncestors: ["wiki.example.com/page"]\n')).rejects.toThrow(
      /test\.yaml:2: access\.frameAncestors\[0\]: "wiki\.example\.com\/page" is not an origin/,
    );
  });
});
