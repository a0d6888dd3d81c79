import { useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import { boardUptimeQuery } from '../api/uptime';
import { DEFAULT_WALL_UPTIME_WINDOW, NO_UPTIME, wallUptime, wallUptimeWindow, type WallUptime, type WallUptimeWindow } from './uptime-figure';

function subscribeToHistory(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
}

/** The uptime window the page's address asks for (`?uptime=30d`); null when it says `off`. */
export function useUptimeWindow(): WallUptimeWindow | null {
  const search = useSyncExternalStore(subscribeToHistory, () => window.location.search);
  return wallUptimeWindow(search);
}

/**
 * The wall's uptime figures over the window its address asks for, from the cache the
 * socket keeps current (live.ts refreshes it when a status changes). Nothing while
 * loading, on an error, or when the address turns uptime off: no figure is better than
 * a wrong one.
 */
export function useWallUptime(): WallUptime {
  const uptimeWindow = useUptimeWindow();
  const { data, isError } = useQuery({ ...boardUptimeQuery(uptimeWindow ?? DEFAULT_WALL_UPTIME_WINDOW), enabled: uptimeWindow !== null });
  // A failed refetch keeps the last answer in the cache; the wall does not go on showing it.
  const shown = isError ? undefined : data;
  return useMemo(() => (uptimeWindow && shown ? wallUptime(shown, uptimeWindow) : NO_UPTIME), [uptimeWindow, shown]);
}
