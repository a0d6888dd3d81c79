import { useEffect } from 'react';
import type { ServiceView } from '../../shared/api';
import type { ConnectionState } from '../api/connection';
import { faviconHref, faviconKind } from '../board/favicon';
import { setFavicon } from '../board/use-page-chrome';
import { servicePageTitle } from './page-title';

/** Keeps the tab's title and icon on this one service, so a pinned tab tells how it is. */
export function useServiceChrome(service: ServiceView | null | undefined, state: ConnectionState): void {
  const title = servicePageTitle(service, state);
  const href = faviconHref(faviconKind(service ? [service] : undefined, state));
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => setFavicon(href), [href]);
}
