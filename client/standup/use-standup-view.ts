import { useEffect, useState } from 'react';
import { viewFromQuery, viewToQuery, type StandupView } from './view-url';
import { viewerTimeZone } from './zoned-time';

/**
 * The view the address asks for, and a setter that writes each change back to it. On
 * opening, a period named without ends ("since yesterday 09:00") is resolved once and its
 * absolute ends written in, so the link copied from the address bar shows this same view
 * later. replaceState: changing the period is not a page to go Back to.
 */
export function useStandupView(): [StandupView, (next: StandupView) => void] {
  const [view, setView] = useState(() => viewFromQuery(window.location.search, { now: Date.now(), timeZone: viewerTimeZone() }));
  useEffect(() => {
    const query = viewToQuery(view);
    if (query !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${query}`);
  }, [view]);
  return [view, setView];
}
