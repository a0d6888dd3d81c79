import { queryOptions } from '@tanstack/react-query';
import type { ViewsResponse } from '../../shared/api';
import { getJson } from './http';

/** Saved views change only when the config does: a wall picks a change up within this. */
export const VIEWS_REFRESH_MS = 60_000;

/** The config's saved views and the board's public address (`GET /api/views`). */
export function viewsQuery() {
  return queryOptions({
    queryKey: ['views'] as const,
    queryFn: ({ signal }) => getJson<ViewsResponse>('/api/views', signal),
    staleTime: VIEWS_REFRESH_MS,
    refetchInterval: VIEWS_REFRESH_MS,
  });
}
