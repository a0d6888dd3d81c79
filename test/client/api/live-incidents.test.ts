import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IncidentsResponse, IncidentView } from '../../../shared/api';
import { incidentKey, serviceIncidentsKey } from '../../../client/api/incidents';
import { connectLiveIncidents } from '../../../client/api/live-incidents';
import { FakeSocket } from '../fake-socket';
import { incidentView } from '../fixtures';

let socket: FakeSocket;
let queryClient: QueryClient;

beforeEach(() => {
  socket = new FakeSocket();
  queryClient = new QueryClient();
  connectLiveIncidents({ socket, queryClient });
});

/** A page showing a service's recent incidents, fetched already: an observer of the list. */
function watchList(serviceId: string) {
  queryClient.setQueryData<IncidentsResponse>(serviceIncidentsKey(serviceId), { incidents: [], from: '', to: '', truncated: false });
  const observer = new QueryObserver(queryClient, {
    queryKey: serviceIncidentsKey(serviceId),
    queryFn: () => new Promise<IncidentsResponse>(() => {}),
    staleTime: Infinity,
  });
  return observer.subscribe(() => {});
}

const isInvalid = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated ?? false;

describe('incident:update written into the query cache', () => {
  it('replaces the cached incident with the one sent', () => {
    queryClient.setQueryData(incidentKey('inc-checkout'), incidentView('checkout'));
    const acknowledged = incidentView('checkout', {
      status: 'acknowledged',
      acknowledged: { by: 'Alice', personId: 'alice', at: '2026-01-05T09:05:00.000Z', via: 'link' },
    });
    socket.serverSends('incident:update', { epoch: 'e1', incident: acknowledged });
    expect(queryClient.getQueryData<IncidentView>(incidentKey('inc-checkout'))?.acknowledged?.by).toBe('Alice');
  });

  it('marks the recent-incident lists of its service and of the services it impacts out of date, and no others', () => {
    const stops = ['checkout', 'storefront', 'search'].map(watchList);
    socket.serverSends('incident:update', { epoch: 'e1', incident: incidentView('checkout', { impacted: ['storefront'] }) });
    expect(isInvalid(serviceIncidentsKey('checkout'))).toBe(true);
    expect(isInvalid(serviceIncidentsKey('storefront'))).toBe(true);
    expect(isInvalid(serviceIncidentsKey('search'))).toBe(false);
    for (const stop of stops) stop();
  });

  it('after a (re)connect, asks again for every incident on screen: updates may have been missed', () => {
    queryClient.setQueryData(incidentKey('inc-checkout'), incidentView('checkout'));
    const stop = watchList('checkout');
    expect(isInvalid(incidentKey('inc-checkout'))).toBe(false);
    socket.serverAccepts();
    expect(isInvalid(incidentKey('inc-checkout'))).toBe(true);
    expect(isInvalid(serviceIncidentsKey('checkout'))).toBe(true);
    stop();
  });
});
