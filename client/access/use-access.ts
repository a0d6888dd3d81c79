import { useSyncExternalStore } from 'react';
import type { AccessState, AccessStore } from './access-state';

export function useAccessState(store: AccessStore): AccessState {
  return useSyncExternalStore(store.subscribe, store.get);
}
