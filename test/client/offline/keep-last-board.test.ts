import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServicesResponse } from '../../../shared/api';
import { createConnectionStore, type ConnectionStore } from '../../../client/api/connection';
import { servicesQuery } from '../../../client/api/services';
import type { BoardData } from '../../../client/api/services-cache';
import { KEEP_EVERY_MS, RENEW_AFTER_MS, keepLastBoard, type Keeper } from '../../../client/offline/keep-last-board';
import { service } from '../fixtures';

const key = servicesQuery().queryKey;
const board = (...services: BoardData['services']): BoardData => ({
  services,
  generatedAt: '2026-01-05T09:00:00.000Z',
  notices: [],
  held: { epoch: 'e1', seq: 1 },
});

let queryClient: QueryClient;
let connection: ConnectionStore;
let kept: ServicesResponse[];
let taken: boolean;
let keeper: Keeper;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 5, 14, 2, 11) });
  // The board on screen observes the query in the app; here nothing does, so keep it as if.
  queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
  connection = createConnectionStore({ state: 'live', lastUpdateAt: Date.now() });
  kept = [];
  taken = true;
  keeper = keepLastBoard({
    queryClient,
    connection,
    keep: (body) => {
      if (taken) kept.push(JSON.parse(body) as ServicesResponse);
      return taken;
    },
  });
});

afterEach(() => {
  keeper.stop();
  vi.useRealTimers();
});

describe('the last board kept for a start with no server', () => {
  it('keeps the live board as an /api/services answer, dated by the last word from the server', () => {
    queryClient.setQueryData(key, board(service('api', 'down')));
    vi.advanceTimersByTime(KEEP_EVERY_MS - 1_000);
    connection.heard(Date.now()); // a heartbeat
    vi.advanceTimersByTime(1_000);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.services.map((s) => [s.id, s.status])).toEqual([['api', 'down']]);
    expect(kept[0]!.generatedAt).toBe('2026-01-05T14:02:25.000Z');
    expect(kept[0]!.notices).toEqual([]);
  });

  it('keeps it again when it changes, and when unchanged only now and then', () => {
    queryClient.setQueryData(key, board(service('api')));
    vi.advanceTimersByTime(KEEP_EVERY_MS * 3);
    expect(kept).toHaveLength(1);
    queryClient.setQueryData(key, board(service('api', 'down')));
    vi.advanceTimersByTime(KEEP_EVERY_MS);
    expect(kept.map((k) => k.services[0]!.status)).toEqual(['up', 'down']);
    vi.advanceTimersByTime(RENEW_AFTER_MS);
    expect(kept).toHaveLength(3);
  });

  it('never keeps a board that is not live', () => {
    queryClient.setQueryData(key, board(service('api')));
    connection.markStale();
    vi.advanceTimersByTime(RENEW_AFTER_MS * 2);
    expect(kept).toEqual([]);
  });

  it('hands it over again at the next look when nobody took it, and at once when asked (a worker just took over)', () => {
    queryClient.setQueryData(key, board(service('api')));
    taken = false;
    vi.advanceTimersByTime(KEEP_EVERY_MS);
    taken = true;
    keeper.keepNow();
    expect(kept).toHaveLength(1);
    keeper.keepNow();
    expect(kept).toHaveLength(2);
  });
});
