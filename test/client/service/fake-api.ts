import { vi } from 'vitest';
import type { HistoryResponse, HistoryResult, HistoryTransition } from '../../../shared/api';

export function result(overrides: Partial<HistoryResult> = {}): HistoryResult {
  return { checkId: 'health', at: new Date(Date.now() - 60_000).toISOString(), outcome: 'ok', message: 'HTTP 200', latencyMs: 40, details: null, ...overrides };
}

export function transition(overrides: Partial<HistoryTransition> = {}): HistoryTransition {
  return { checkId: null, from: 'up', to: 'down', at: new Date(Date.now() - 60_000).toISOString(), ...overrides };
}

export function history(overrides: Partial<HistoryResponse> = {}): HistoryResponse {
  const to = Date.now();
  return {
    serviceId: 'checkout',
    from: new Date(to - 86_400_000).toISOString(),
    to: new Date(to).toISOString(),
    results: [],
    transitions: [],
    latest: [],
    truncated: false,
    series: [],
    ...overrides,
  };
}

/** What the fake server answers: a body (200) or an error status. */
export type Answer = HistoryResponse | { status: number; code: string; message: string } | 'pending';

/** A request to a path answered by a function, as the fake server took it. */
export interface FakeRequest {
  method: string;
  url: URL;
  /** The JSON body, parsed; undefined when there was none. */
  body: unknown;
}

/** Answers a path by what was asked: a body (200), or an `apiError(…)`. */
export type Route = (request: FakeRequest) => unknown;

/** An error answer in the API's shape, for a Route to return. */
export function apiError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status);
}

/**
 * Stands in for `fetch`: `/api/services/{id}/history` answers with `answer(url)`, a path of
 * `others` with its body, or with what its Route returns; every other request stays pending,
 * as the board's own tests do. `calls` records the history URLs asked for, `requests` what
 * reached the Routes.
 */
export function stubHistoryApi(answer: (url: URL) => Answer, others: Record<string, unknown> = {}) {
  const calls: URL[] = [];
  const requests: FakeRequest[] = [];
  const fetch = vi.fn((input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://board.test');
    const other = others[url.pathname];
    if (typeof other === 'function') {
      const request = { method: init?.method ?? 'GET', url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined };
      requests.push(request);
      try {
        const reply = (other as Route)(request);
        return Promise.resolve(reply instanceof Response ? reply : json(reply, 200));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error))); // a Route that throws is a network that failed
      }
    }
    if (url.pathname in others) return Promise.resolve(json(other, 200));
    if (!/^\/api\/services\/[^/]+\/history$/.test(url.pathname)) return new Promise<never>(() => {});
    calls.push(url);
    const body = answer(url);
    if (body === 'pending') return new Promise<never>(() => {});
    if ('status' in body) {
      return Promise.resolve(json({ error: { code: body.code, message: body.message } }, body.status));
    }
    return Promise.resolve(json(body, 200));
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls, requests };
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
