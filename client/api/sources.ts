import { queryOptions } from '@tanstack/react-query';
import type { SourcesResponse } from '../../shared/api';
import { getJson } from './http';

/** How often a page showing a source's health asks again: health is counts and times, not a live status. */
const SOURCES_REFRESH_MS = 15_000;

/** Every source with its health (`GET /api/sources`), for the service page of a service a source feeds. */
export function sourcesQuery() {
  return queryOptions({
    queryKey: ['sources'] as const,
    queryFn: ({ signal }) => getJson<SourcesResponse>('/api/sources', signal),
    refetchInterval: SOURCES_REFRESH_MS,
  });
}
