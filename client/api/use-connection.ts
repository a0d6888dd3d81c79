import { useEffect, useSyncExternalStore } from 'react';
import { connectionAttribute, type ConnectionState, type ConnectionStore } from './connection';

export function useConnectionState(store: ConnectionStore): ConnectionState {
  return useSyncExternalStore(store.subscribe, () => store.get().state);
}

export function useLastUpdateAt(store: ConnectionStore): number | null {
  return useSyncExternalStore(store.subscribe, () => store.get().lastUpdateAt);
}

/** Mirrors the connection onto `<html data-connection>`, where tests and scripts look for it. */
export function useConnectionAttribute(store: ConnectionStore): void {
  const state = useConnectionState(store);
  useEffect(() => {
    document.documentElement.dataset.connection = connectionAttribute(state);
  }, [state]);
}
