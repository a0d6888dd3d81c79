import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_STALE_MS } from '../../../shared/events';
import { createConnectionStore, type ConnectionStore } from '../../../client/api/connection';
import { changesStatus, connectLive, REOPEN_AFTER_MS, REOPEN_AFTER_REFUSAL_MS, RESYNC_RETRY_MS, UPTIME_REFRESH_MIN_MS } from '../../../client/api/live';
import { servicesQuery } from '../../../client/api/services';
import { uptimeKeys } from '../../../client/api/uptime';
import { FakeSocket } from '../fake-socket';
import { check, service, snapshot } from '../fixtures';

let socket: FakeSocket;
let queryClient: QueryClient;
let connection: ConnectionStore;
let stop: () => void;

const cached = () => queryClient.getQueryData(servicesQuery().queryKey);
const statuses = () => cached()?.services.map((s) => `${s.id}:${s.status}`);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T14:00:00Z') });
  socket = new FakeSocket();
  queryClient = new QueryClient();
  connection = createConnectionStore();
  stop = connectLive({ socket, queryClient, connection });
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

function connectWith(services = [service('api'), service('db')], seq = 5, epoch = 'e1') {
  socket.serverAccepts();
  socket.serverSends('snapshot', snapshot(services, seq, epoch));
}

describe('socket events written into the services cache', () => {
  it('a snapshot on connect fills the cache and makes the connection live', () => {
    expect(connection.get().state).toBe('connecting');
    connectWith();
    expect(statuses()).toEqual(['api:up', 'db:up']);
    expect(cached()?.held).toEqual({ epoch: 'e1', seq: 5 });
    expect(connection.get().state).toBe('live');
  });

  it('a delta with the next seq patches that service', () => {
    connectWith();
    socket.serverSends('service:update', { epoch: 'e1', seq: 6, services: [service('db', 'down')] });
    expect(statuses()).toEqual(['api:up', 'db:down']);
    expect(socket.requests).toHaveLength(0);
  });

  it('a delta already held is ignored without asking for anything', () => {
    connectWith();
    socket.serverSends('service:update', { epoch: 'e1', seq: 5, services: [service('db', 'down')] });
    expect(statuses()).toEqual(['api:up', 'db:up']);
    expect(socket.requests).toHaveLength(0);
  });

  it('a gap in the sequence asks for a snapshot, and the answer replaces the cache', () => {
    connectWith();
    socket.serverSends('service:update', { epoch: 'e1', seq: 8, services: [service('db', 'down')] });
    expect(statuses()).toEqual(['api:up', 'db:up']);
    expect(socket.requests).toHaveLength(1);
    socket.requests[0]!(snapshot([service('api', 'degraded'), service('db', 'down')], 8));
    expect(statuses()).toEqual(['api:degraded', 'db:down']);
    expect(cached()?.held).toEqual({ epoch: 'e1', seq: 8 });
  });

  it('asks for one snapshot at a time while the answer is on its way', () => {
    connectWith();
    socket.serverSends('service:update', { epoch: 'e1', seq: 8, services: [service('db')] });
    socket.serverSends('service:update', { epoch: 'e1', seq: 9, services: [service('db')] });
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 9, at: '' });
    expect(socket.requests).toHaveLength(1);
  });

  it('asks again when the answer to a snapshot request never came', () => {
    connectWith();
    socket.serverSends('service:update', { epoch: 'e1', seq: 8, services: [service('db')] });
    vi.advanceTimersByTime(RESYNC_RETRY_MS - 1);
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 8, at: '' });
    expect(socket.requests).toHaveLength(1);
    vi.advanceTimersByTime(1);
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 8, at: '' });
    expect(socket.requests).toHaveLength(2);
  });

  it('a heartbeat ahead of the held seq asks for a snapshot; one in step does not', () => {
    connectWith();
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 5, at: '' });
    expect(socket.requests).toHaveLength(0);
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 6, at: '' });
    expect(socket.requests).toHaveLength(1);
  });

  it('a heartbeat from a restarted server asks for a snapshot', () => {
    connectWith();
    socket.serverSends('heartbeat', { epoch: 'e2', seq: 0, at: '' });
    expect(socket.requests).toHaveLength(1);
  });
});

describe('connection state', () => {
  it('a disconnect makes the board stale and the next snapshot after reconnect makes it live', () => {
    connectWith();
    socket.serverDrops();
    expect(connection.get().state).toBe('stale');
    socket.serverAccepts();
    expect(connection.get().state).toBe('stale');
    socket.serverSends('snapshot', snapshot([service('api', 'down')], 9));
    expect(connection.get().state).toBe('live');
    expect(statuses()).toEqual(['api:down']);
  });

  it('records the time of the last message of any kind', () => {
    connectWith();
    vi.advanceTimersByTime(2_000);
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 5, at: '' });
    expect(connection.get().lastUpdateAt).toBe(Date.parse('2026-01-05T14:00:02Z'));
    vi.advanceTimersByTime(1_000);
    socket.serverSends('service:update', { epoch: 'e1', seq: 6, services: [service('db', 'down')] });
    expect(connection.get().lastUpdateAt).toBe(Date.parse('2026-01-05T14:00:03Z'));
  });

  it('heartbeats every two seconds keep the board live', () => {
    connectWith();
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(2_000);
      socket.serverSends('heartbeat', { epoch: 'e1', seq: 5, at: '' });
    }
    expect(connection.get().state).toBe('live');
    expect(socket.calls).not.toContain('disconnect()');
  });

  it('a connected server that goes silent makes the board stale after HEARTBEAT_STALE_MS', () => {
    connectWith();
    vi.advanceTimersByTime(HEARTBEAT_STALE_MS - 1_000);
    expect(connection.get().state).toBe('live');
    vi.advanceTimersByTime(2_000);
    expect(connection.get().state).toBe('stale');
  });

  it('a connected but silent server is dropped so that socket.io reconnects', () => {
    connectWith();
    vi.advanceTimersByTime(HEARTBEAT_STALE_MS + 1_000);
    expect(socket.calls).toEqual(['disconnect()', 'connect()']);
  });

  it('a socket connected for HEARTBEAT_STALE_MS without any snapshot is reconnected, heartbeats or not', () => {
    socket.serverAccepts();
    for (let t = 0; t < HEARTBEAT_STALE_MS; t += 2_000) {
      vi.advanceTimersByTime(2_000);
      socket.serverSends('heartbeat', { epoch: 'e1', seq: 0, at: '' });
    }
    vi.advanceTimersByTime(1_000);
    expect(socket.calls.filter((c) => c.endsWith('()'))).toEqual(['disconnect()', 'connect()']);
  });

  it('a live board with a quiet but healthy server is never reconnected', () => {
    connectWith();
    for (let i = 0; i < 60; i++) {
      vi.advanceTimersByTime(2_000);
      socket.serverSends('heartbeat', { epoch: 'e1', seq: 5, at: '' });
    }
    expect(socket.calls).toEqual([]);
  });

  it('does not force a reconnect while socket.io is already reconnecting by itself', () => {
    connectWith();
    socket.serverDrops();
    vi.advanceTimersByTime(HEARTBEAT_STALE_MS * 3);
    expect(socket.calls).toEqual([]);
  });

  it('a socket the server closed (a restart) is opened again after a short pause', () => {
    connectWith();
    socket.serverCloses();
    expect(connection.get().state).toBe('stale');
    vi.advanceTimersByTime(REOPEN_AFTER_MS - 1_000);
    expect(socket.calls).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(socket.calls).toEqual(['connect()']);
    socket.serverAccepts();
    socket.serverSends('snapshot', snapshot([service('api')], 0, 'e2'));
    expect(connection.get().state).toBe('live');
    expect(cached()?.held).toEqual({ epoch: 'e2', seq: 0 });
  });

  it('a socket the server refused (a revoked token) is asked again twice a minute, not every 2 s; through again, as before', () => {
    connectWith();
    socket.serverCloses();
    vi.advanceTimersByTime(REOPEN_AFTER_MS);
    expect(socket.calls).toEqual(['connect()']);
    socket.serverRefuses('token_revoked');
    vi.advanceTimersByTime(REOPEN_AFTER_REFUSAL_MS - 1_000);
    expect(socket.calls).toEqual(['connect()']);
    vi.advanceTimersByTime(1_000);
    expect(socket.calls).toEqual(['connect()', 'connect()']);
    // Let in again (a new sign-in in another tab): a later close is retried soon again.
    socket.serverAccepts();
    socket.serverCloses();
    vi.advanceTimersByTime(REOPEN_AFTER_MS);
    expect(socket.calls).toEqual(['connect()', 'connect()', 'connect()']);
  });

  it('a server that cannot be reached at all is still tried every 2 s', () => {
    connectWith();
    socket.serverCloses();
    vi.advanceTimersByTime(REOPEN_AFTER_MS);
    socket.active = false;
    socket.serverSends('connect_error', new Error('xhr poll error'));
    vi.advanceTimersByTime(REOPEN_AFTER_MS);
    expect(socket.calls).toEqual(['connect()', 'connect()']);
  });

  it('a heartbeat after a reconnect, with no snapshot yet, asks for one', () => {
    connectWith();
    socket.serverDrops();
    socket.serverAccepts();
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 5, at: '' });
    expect(socket.requests).toHaveLength(1);
    socket.requests[0]!(snapshot([service('api')], 5));
    expect(connection.get().state).toBe('live');
  });

  it('a server never heard from turns connecting into stale', () => {
    vi.advanceTimersByTime(HEARTBEAT_STALE_MS + 1_000);
    expect(connection.get()).toEqual({ state: 'stale', lastUpdateAt: null });
  });
});

describe("the server's notices", () => {
  const notice = {
    code: 'history-not-saved' as const,
    message: 'History is not being saved: the disk is full (SQLITE_FULL).',
    since: '2026-01-05T13:59:00.000Z',
  };

  it('come with the snapshot, are replaced by each heartbeat, and an unchanged heartbeat keeps the same data', () => {
    socket.serverAccepts();
    socket.serverSends('snapshot', { ...snapshot([service('api')], 5), notices: [notice] });
    expect(cached()?.notices).toEqual([notice]);
    const before = cached();
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 5, at: '', notices: [notice] });
    expect(cached()).toBe(before);
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 5, at: '', notices: [] });
    expect(cached()?.notices).toEqual([]);
    expect(statuses()).toEqual(['api:up']);
    expect(socket.requests).toHaveLength(0);
  });

  it('a heartbeat brings a notice to a board that has not heard of it', () => {
    connectWith();
    socket.serverSends('heartbeat', { epoch: 'e1', seq: 5, at: '', notices: [notice] });
    expect(cached()?.notices).toEqual([notice]);
  });
});

describe('uptime figures refreshed when a status changes', () => {
  let fetches: string[] = [];
  let unsubscribe = () => {};
  let seq = 5;

  /** Lets the query cache do what it was asked (its fetches start and end on timers and promises). */
  const settle = () => vi.advanceTimersByTimeAsync(0);

  /** Puts uptime queries on screen, as the wall and a service page would, loaded, and counts what they fetch from then on. */
  async function showUptime(...keys: (readonly unknown[])[]) {
    const observers = keys.map(
      (queryKey) => new QueryObserver(queryClient, { queryKey, queryFn: () => (fetches.push(queryKey.join(' ')), {}), staleTime: Infinity }),
    );
    const stops = observers.map((observer) => observer.subscribe(() => {}));
    unsubscribe = () => stops.forEach((stop) => stop());
    await settle();
    fetches = [];
  }

  const update = (...services: ReturnType<typeof service>[]) => socket.serverSends('service:update', { epoch: 'e1', seq: ++seq, services });

  beforeEach(() => {
    seq = 5;
    connectWith();
  });

  afterEach(() => unsubscribe());

  it('a service going down refetches every uptime figure on screen, once', async () => {
    await showUptime(uptimeKeys.board('30d'), uptimeKeys.service('db', '90d', true));
    update(service('db', 'down'));
    await settle();
    expect(fetches.sort()).toEqual(['uptime board 30d', 'uptime service db 90d true']);
  });

  it('a delta that changes no status (a new message, say) refetches nothing', async () => {
    await showUptime(uptimeKeys.board('30d'));
    update(service('db', 'up', { checks: [check({ message: 'HTTP 200 in 40 ms' })] }));
    await settle();
    expect(fetches).toEqual([]);
  });

  it('a delta already held, or out of order, refetches nothing', async () => {
    await showUptime(uptimeKeys.board('30d'));
    socket.serverSends('service:update', { epoch: 'e1', seq: 5, services: [service('db', 'down')] });
    socket.serverSends('service:update', { epoch: 'e1', seq: 9, services: [service('db', 'down')] });
    await settle();
    expect(fetches).toEqual([]);
  });

  it('a storm of 500 changes within a second costs one refetch at once and one for the last of them', async () => {
    await showUptime(uptimeKeys.board('30d'));
    for (let i = 0; i < 500; i++) {
      update(service('db', i % 2 === 0 ? 'down' : 'up'));
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(fetches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(UPTIME_REFRESH_MIN_MS);
    expect(fetches).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(UPTIME_REFRESH_MIN_MS * 10);
    expect(fetches).toHaveLength(2);
  });

  it('changes further apart than UPTIME_REFRESH_MIN_MS each refetch at once', async () => {
    await showUptime(uptimeKeys.board('7d'));
    update(service('db', 'down'));
    await settle();
    await vi.advanceTimersByTimeAsync(UPTIME_REFRESH_MIN_MS);
    update(service('db', 'up'));
    await settle();
    expect(fetches).toEqual(['uptime board 7d', 'uptime board 7d']);
  });

  it('a snapshot after a reconnect refetches when it brings a changed status, and not when it brings the same ones', async () => {
    await showUptime(uptimeKeys.board('30d'));
    socket.serverDrops();
    socket.serverAccepts();
    socket.serverSends('snapshot', snapshot([service('api'), service('db')], 6));
    await settle();
    expect(fetches).toEqual([]);
    socket.serverDrops();
    socket.serverAccepts();
    socket.serverSends('snapshot', snapshot([service('api'), service('db', 'down')], 7));
    await settle();
    expect(fetches).toEqual(['uptime board 30d']);
  });

  it('the first snapshot refetches nothing: the figures are loading anyway', async () => {
    stop();
    socket = new FakeSocket();
    queryClient = new QueryClient();
    stop = connectLive({ socket, queryClient, connection: createConnectionStore() });
    await showUptime(uptimeKeys.board('30d'));
    connectWith([service('api', 'down')]);
    await settle();
    expect(fetches).toEqual([]);
  });
});

describe('changesStatus', () => {
  const before = [service('api'), service('db', 'down')];
  it.each([
    ['the same statuses', [service('api'), service('db', 'down')], false],
    ['one service, unchanged', [service('db', 'down')], false],
    ['a status changed', [service('db', 'up')], true],
    ['a service new to the board', [service('queue')], true],
    ['nothing', [], false],
  ])('%s → %s', (_, changed, expected) => {
    expect(changesStatus(before, changed)).toBe(expected);
  });
});
