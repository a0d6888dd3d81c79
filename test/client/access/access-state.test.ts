import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { createAccessStore, nextAccess, type AccessEvent, type AccessState } from '../../../client/access/access-state';
import { OWN_REFUSALS, watchQueryAccess, watchSocketAccess, type AccessSocket } from '../../../client/access/watch-access';
import { ApiError } from '../../../client/api/http';

describe('what a screen learns about its access', () => {
  it.each<[AccessState, AccessEvent, AccessState]>([
    ['ok', { type: 'socket-refused', code: 'token_revoked' }, 'revoked'],
    ['ok', { type: 'socket-refused', code: 'unauthorized' }, 'lost'],
    ['ok', { type: 'socket-refused', code: 'origin' }, 'ok'],
    ['ok', { type: 'revoked' }, 'revoked'],
    ['lost', { type: 'revoked' }, 'revoked'],
    ['revoked', { type: 'socket-refused', code: 'unauthorized' }, 'revoked'],
    ['lost', { type: 'socket-refused', code: 'token_revoked' }, 'revoked'],
    ['revoked', { type: 'connected' }, 'ok'],
    ['lost', { type: 'connected' }, 'ok'],
    ['ok', { type: 'api-refused', status: 403, code: 'token_revoked' }, 'revoked'],
    ['ok', { type: 'api-refused', status: 401, code: 'unauthorized' }, 'lost'],
    ['revoked', { type: 'api-refused', status: 401, code: 'unauthorized' }, 'revoked'],
    ['ok', { type: 'api-refused', status: 403, code: 'forbidden' }, 'ok'],
    ['ok', { type: 'api-refused', status: 500, code: 'internal' }, 'ok'],
    ['ok', { type: 'api-refused', status: 404, code: 'not_found' }, 'ok'],
  ])('%s, then %j: %s', (state, event, expected) => {
    expect(nextAccess(state, event)).toBe(expected);
  });

  it('tells its listeners of a change, and only of a change', () => {
    const store = createAccessStore();
    const heard = vi.fn();
    const stop = store.subscribe(heard);
    store.tell({ type: 'revoked' });
    store.tell({ type: 'revoked' });
    expect(store.get()).toBe('revoked');
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
    store.tell({ type: 'connected' });
    expect(heard).toHaveBeenCalledTimes(1);
  });
});

/** A socket whose events the test plays. */
function fakeSocket() {
  const listeners = new Map<string, (...args: never[]) => void>();
  const socket: AccessSocket = {
    on: (event: string, listener: (...args: never[]) => void) => listeners.set(event, listener),
  };
  const fire = (event: string, ...args: unknown[]) => (listeners.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args);
  return { socket, fire };
}

describe('the socket feeds it', () => {
  it('a refusal with a code, the revoked event, and a connection that gets through', () => {
    const store = createAccessStore();
    const { socket, fire } = fakeSocket();
    watchSocketAccess(socket, store);
    fire('connect_error', Object.assign(new Error('no'), { data: { code: 'unauthorized', message: 'no' } }));
    expect(store.get()).toBe('lost');
    fire('connect');
    expect(store.get()).toBe('ok');
    fire('access:revoked', { message: "this screen's access was revoked" });
    expect(store.get()).toBe('revoked');
  });

  it('a server that cannot be reached says nothing of access', () => {
    const store = createAccessStore();
    const { socket, fire } = fakeSocket();
    watchSocketAccess(socket, store);
    fire('connect_error', new Error('xhr poll error'));
    fire('connect_error', Object.assign(new Error('odd'), { data: { code: 'something else' } }));
    expect(store.get()).toBe('ok');
  });
});

describe("the board's reads feed it", () => {
  const failing = (error: Error) => () => Promise.reject(error);

  it('a read refused for a revoked token', async () => {
    const store = createAccessStore();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    watchQueryAccess(queryClient, store);
    await queryClient.fetchQuery({ queryKey: ['services'], queryFn: failing(new ApiError(403, 'token_revoked', 'revoked')) }).catch(() => undefined);
    expect(store.get()).toBe('revoked');
  });

  it('not a query whose refusals are its own, nor a network failure', async () => {
    const store = createAccessStore();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    watchQueryAccess(queryClient, store);
    await queryClient
      .fetchQuery({ queryKey: ['admin'], queryFn: failing(new ApiError(401, 'unauthorized', 'sign in')), meta: OWN_REFUSALS })
      .catch(() => undefined);
    await queryClient.fetchQuery({ queryKey: ['services'], queryFn: failing(new TypeError('Failed to fetch')) }).catch(() => undefined);
    expect(store.get()).toBe('ok');
    await queryClient.fetchQuery({ queryKey: ['services'], queryFn: failing(new ApiError(401, 'unauthorized', 'sign in')) }).catch(() => undefined);
    expect(store.get()).toBe('lost');
  });
});
