import { request } from 'node:http';
import { expect } from 'vitest';
import type { ServiceView, ServicesResponse } from '../../../shared/api';

/** What the server answered, read whole. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

/** A request as a careless or hostile client sends it: any method, a body on a GET, any headers. */
export interface RawRequest {
  method: string;
  /** Path and query, already in URL form (percent-encoded where it must be). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Sends one request over a fresh connection, with none of fetch's rules (GET may carry a
 * body, any method goes), and reads the answer whole.
 */
export function send(baseUrl: string, { method, path, headers = {}, body }: RawRequest): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Describes an exchange for a failure message: enough to replay it by hand. */
export const described = (what: RawRequest | string, answer: Answer) =>
  `${typeof what === 'string' ? what : `${what.method} ${what.path.slice(0, 300)}`} -> ${answer.status} ${answer.text.slice(0, 300)}`;

/**
 * The answer every input must get: never a 5xx; an error (4xx) is JSON in the API's
 * `{ error: { code, message } }` shape, with both said.
 */
export function expectNoServerError(what: RawRequest | string, answer: Answer): void {
  const context = described(what, answer);
  expect(answer.status, context).toBeGreaterThanOrEqual(200);
  expect(answer.status, context).toBeLessThan(500);
  if (answer.status < 400) return;
  expect(answer.contentType, context).toMatch(/^application\/json/);
  const error = (answer.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  expect(typeof error?.code === 'string' && error.code.length > 0, context).toBe(true);
  expect(typeof error?.message === 'string' && error.message.length > 0, context).toBe(true);
}

/** The server still serves its health check: it did not crash nor wedge. */
export async function expectHealthy(baseUrl: string): Promise<void> {
  const health = await fetch(`${baseUrl}/healthz`);
  expect(health.status).toBe(200);
  await health.text();
}

/** `GET /api/services`: every service as listed, and the board's notices. */
export async function servicesResponse(baseUrl: string): Promise<ServicesResponse> {
  return (await (await fetch(`${baseUrl}/api/services`)).json()) as ServicesResponse;
}

/** What a message may change of a service: its status, and each entry's status, message and last result time. */
export const stateOf = (service: ServiceView) => ({
  id: service.id,
  status: service.status,
  checks: service.checks.map((c) => ({ id: c.id, status: c.status, message: c.message, lastCheckedAt: c.lastCheckedAt })),
});

/** The state of every service, by id. */
export async function boardState(baseUrl: string): Promise<Map<string, ReturnType<typeof stateOf>>> {
  return new Map((await servicesResponse(baseUrl)).services.map((s) => [s.id, stateOf(s)]));
}
