import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryResponse } from '../../../shared/api';
import { historyKey } from '../../../client/api/history';
import { connectLiveHistory } from '../../../client/api/live-history';
import { FakeSocket } from '../fake-socket';
import { history, result } from '../service/fake-api';

let socket: FakeSocket;
let queryClient: QueryClient;
let stop: () => void;

const key = (id: string) => [...historyKey(id), '24h'] as const;

/** A page looking at a service's history: an observer of its query, with data already fetched. */
function openPage(id: string, data: HistoryResponse = history({ serviceId: id })) {
  queryClient.setQueryData(key(id), data);
  const observer = new QueryObserver(queryClient, { queryKey: key(id), queryFn: () => new Promise<HistoryResponse>(() => {}), staleTime: Infinity });
  return observer.subscribe(() => {});
}

beforeEach(() => {
  socket = new FakeSocket();
  queryClient = new QueryClient();
  stop = connectLiveHistory({ socket, queryClient });
  socket.serverAccepts();
});

afterEach(() => stop());

describe('live results for open service pages', () => {
  it('watches a service while its page is open, and stops when it closes', () => {
    const close = openPage('checkout');
    expect(socket.watches).toEqual(['service:watch checkout']);
    close();
    expect(socket.watches).toEqual(['service:watch checkout', 'service:unwatch checkout']);
  });

  it('watches nothing while no page is open', () => {
    queryClient.setQueryData(key('checkout'), history()); // cached from an earlier visit, not on screen
    socket.serverAccepts();
    expect(socket.watches).toEqual([]);
  });

  it('adds each result of the watched service to its cached history', () => {
    openPage('checkout');
    const live = result({ at: new Date().toISOString(), message: 'HTTP 200', latencyMs: 7 });
    socket.serverSends('check:result', { serviceId: 'checkout', result: live });
    const cached = queryClient.getQueryData<HistoryResponse>(key('checkout'))!;
    expect(cached.results.map((r) => r.latencyMs)).toEqual([7]);
    expect(cached.latest).toEqual([live]);
  });

  it("counts each result in its check's slices too, so a chart drawn from them moves with it", () => {
    const slice = Math.floor(Date.now() / 60_000) * 60_000;
    const series = [{ checkId: 'health', stepMs: 60_000, buckets: [{ at: new Date(slice).toISOString(), runs: { ok: 3 }, p50Ms: 10, p95Ms: 20, maxMs: 30 }] }];
    openPage('checkout', history({ serviceId: 'checkout', series }));
    socket.serverSends('check:result', {
      serviceId: 'checkout',
      result: result({ at: new Date(slice + 59_999).toISOString(), outcome: 'failed', latencyMs: 45 }),
    });
    const cached = queryClient.getQueryData<HistoryResponse>(key('checkout'))!;
    expect(cached.series[0]!.buckets).toEqual([{ at: new Date(slice).toISOString(), runs: { ok: 3, failed: 1 }, p50Ms: 10, p95Ms: 20, maxMs: 45 }]);
  });

  it('ignores results of services it does not watch', () => {
    openPage('checkout');
    queryClient.setQueryData(key('search'), history({ serviceId: 'search' }));
    socket.serverSends('check:result', { serviceId: 'search', result: result({ at: new Date().toISOString() }) });
    expect(queryClient.getQueryData<HistoryResponse>(key('search'))!.results).toEqual([]);
  });

  it('watches again after reconnecting, since a new connection (or server) knows nothing of it', () => {
    openPage('checkout');
    socket.serverDrops();
    socket.serverAccepts();
    expect(socket.watches).toEqual(['service:watch checkout', 'service:watch checkout']);
  });

  it('a page opened while disconnected is watched once the socket connects', () => {
    socket.serverDrops();
    openPage('checkout');
    expect(socket.watches).toEqual([]);
    socket.serverAccepts();
    expect(socket.watches).toEqual(['service:watch checkout']);
  });
});
