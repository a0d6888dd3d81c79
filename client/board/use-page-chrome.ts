import { useEffect } from 'react';
import type { ServiceView } from '../../shared/api';
import type { ConnectionState } from '../api/connection';
import { faviconHref, faviconKind } from './favicon';
import { pageTitle } from './summary';

/** Keeps the tab title and favicon in step with the board (or the view of it shown, named `view`), so a background tab still tells. */
export function usePageChrome(services: readonly ServiceView[] | undefined, state: ConnectionState, view?: string): void {
  const title = pageTitle(services, state, view);
  const href = faviconHref(faviconKind(services, state));
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => setFavicon(href), [href]);
}

/** Points the tab's icon at `href`. */
export function setFavicon(href: string): void {
  faviconLink().href = href;
}

function faviconLink(): HTMLLinkElement {
  const existing = document.getElementById('favicon');
  if (existing instanceof HTMLLinkElement) return existing;
  const link = document.createElement('link');
  link.id = 'favicon';
  link.rel = 'icon';
  link.type = 'image/svg+xml';
  document.head.appendChild(link);
  return link;
}
