import { queryOptions } from '@tanstack/react-query';
import type { ServicesResponse } from '../../shared/api';
import { getJson } from './http';
import { fromResponse, type BoardData } from './services-cache';

/**
 * Every service's current state. The socket keeps this entry up to date with
 * setQueryData, so it never goes stale by time; REST only fills it the first time.
 */
export function servicesQuery() {
  return queryOptions({
    queryKey: ['services'] as const,
    queryFn: async ({ client, queryKey, signal }): Promise<BoardData> => {
      const response = await getJson<ServicesResponse>('/api/services', signal);
      // A snapshot that landed while this request was in flight is newer and sequenced.
      const cached = client.getQueryData<BoardData>(queryKey);
      return cached?.held ? cached : fromResponse(response);
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
