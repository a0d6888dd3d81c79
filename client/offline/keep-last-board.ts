import type { QueryClient } from '@tanstack/react-query';
import type { ServicesResponse } from '../../shared/api';
import type { ConnectionStore } from '../api/connection';
import { servicesQuery } from '../api/services';
import type { BoardData } from '../api/services-cache';

/** How often the board on screen is looked at, to be kept when it changed. */
export const KEEP_EVERY_MS = 15_000;

/** An unchanged board is kept again this often, so the time it says it is from stays recent. */
export const RENEW_AFTER_MS = 5 * 60_000;

/**
 * The board as a `GET /api/services` answer, dated by the last word from the server: what
 * is on screen was true then (a heartbeat confirms it every 2 s), and is shown with that
 * time when it is all there is. Pure.
 */
function boardToKeep(data: BoardData, lastUpdateAt: number): ServicesResponse {
  return { services: data.services, generatedAt: new Date(lastUpdateAt).toISOString(), notices: data.notices ?? [] };
}

export interface KeepOptions {
  queryClient: QueryClient;
  connection: ConnectionStore;
  /** Hands the board over to be kept; false when nobody took it (no service worker yet). */
  keep: (body: string) => boolean;
  /** Clock, for tests; Date.now by default. */
  now?: () => number;
}

export interface Keeper {
  /** Keeps the board now if it is live and not already kept (a service worker just took over, say). */
  keepNow(this: void): void;
  /** Stops looking. */
  stop(this: void): void;
}

/**
 * Keeps a copy of the live board where the service worker can find it after a restart
 * with no server: whenever it changed (looked at every KEEP_EVERY_MS) and every
 * RENEW_AFTER_MS. Never while the board is not live: a stale board is not worth keeping.
 */
export function keepLastBoard({ queryClient, connection, keep, now = Date.now }: KeepOptions): Keeper {
  let kept: BoardData | undefined;
  let keptAt = -Infinity;
  const look = (force: boolean) => {
    const { state, lastUpdateAt } = connection.get();
    const data = queryClient.getQueryData(servicesQuery().queryKey);
    if (state !== 'live' || lastUpdateAt === null || !data) return;
    const t = now();
    if (!force && data === kept && t - keptAt < RENEW_AFTER_MS) return;
    if (!keep(JSON.stringify(boardToKeep(data, lastUpdateAt)))) return;
    kept = data;
    keptAt = t;
  };
  const timer = setInterval(() => look(false), KEEP_EVERY_MS);
  return { keepNow: () => look(true), stop: () => clearInterval(timer) };
}
