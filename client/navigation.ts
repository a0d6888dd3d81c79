import { useSyncExternalStore } from 'react';

// pushState fires no event, so navigate() tells subscribers itself; popstate covers Back/Forward.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The path of the page being shown, following in-app navigation and the browser's Back button. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The query of the address (`?team=payments`), following in-app navigation and the browser's Back button. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/**
 * Shows another page of this app without reloading: the socket, and the cache it
 * feeds, stay as they are, so the next page has current data at once.
 */
export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  document.documentElement.scrollTop = 0;
  for (const listener of listeners) listener();
}
