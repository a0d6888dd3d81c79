import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { SavedView, ServiceView } from '../../shared/api';
import { viewsQuery } from '../api/views';
import { useSearch } from '../navigation';
import { rotationAt, type RotationStep } from './rotation';
import { resolveView, selectPage, type ViewPage } from './view';
import { parseViewQuery } from './view-query';

/** What the wall shows under the view its address asks for (`/?team=payments`, `/?rotate=30s`). */
export interface WallView {
  /** The tiles; none before the first data. */
  shown: readonly ServiceView[];
  /** Every service on the board, whatever the view: a tile names what impacts it from these. */
  all: readonly ServiceView[];
  /** What the banner, the tab's title and its icon sum up (see `selectPage`). */
  summarised: ServiceView[] | undefined;
  /** The page shown; null for the whole wall. */
  page: ViewPage | null;
  /** The page shown next and where the rotation is (`index` from 0); null when not rotating. */
  rotation: { next: ViewPage; index: number; count: number } | null;
  /** Problems the page leaves out: a fixed view says how many there are. */
  elsewhere: ServiceView[];
  /** What the address names that does not exist, or could not be read. */
  notices: string[];
  /** `?sound=1`: a tone for a new problem, with a mute button. */
  sound: boolean;
  /** Whether a service (as it is now) is one the wall shows, for the sound. */
  covers: (service: ServiceView) => boolean;
}

const EVERYTHING = () => true;
const NO_PAGES: ViewPage[] = [];
const NO_SERVICES: readonly ServiceView[] = [];
const NO_SAVED: readonly SavedView[] = [];

/**
 * The turn of a rotation of `pages` pages of `periodMs` each; re-renders when the next
 * page is due (one timer, not a tick). Null when not rotating.
 */
function useRotation(periodMs: number | null, pages: number): RotationStep | null {
  const [now, setNow] = useState(() => Date.now());
  const step = periodMs === null ? null : rotationAt(pages, periodMs, now);
  const turnsAt = step?.turnsAt ?? null;
  useEffect(() => {
    if (turnsAt === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, turnsAt - Date.now()));
    return () => clearTimeout(timer);
  }, [turnsAt]);
  return step;
}

/** The saved views, when the address needs them: null while they are not known yet. */
function useSavedViews(needed: boolean): { saved: readonly SavedView[] | null; problem: string | null } {
  const { data, isError, error } = useQuery({ ...viewsQuery(), enabled: needed });
  if (!needed) return { saved: null, problem: null };
  if (data) return { saved: data.views, problem: null };
  return isError ? { saved: NO_SAVED, problem: `Saved views could not be loaded: ${error.message}` } : { saved: null, problem: null };
}

/**
 * The wall's services as the page's address asks: filtered by team, tag, status or a
 * saved view, or turning through pages with every problem pinned to each. The Board
 * shows `shown` and sums up `summarised`; the rest is for the view bar.
 */
export function useWallView(services: readonly ServiceView[] | undefined): WallView {
  const search = useSearch();
  const query = useMemo(() => parseViewQuery(search), [search]);
  const { saved, problem } = useSavedViews(query.view !== null || query.rotateMs !== null);
  const resolved = useMemo(() => (services ? resolveView(query, services, saved) : null), [query, services, saved]);
  const pages = resolved?.pages ?? NO_PAGES;
  const step = useRotation(resolved?.rotateMs ?? null, pages.length);
  const rotating = step !== null && pages.length > 0;
  const page = (rotating ? pages[step.index] : pages[0]) ?? null;
  const selection = useMemo(() => (services ? selectPage(services, page, rotating) : null), [services, page, rotating]);
  return useMemo(() => {
    const filters = page?.filters;
    const covers = rotating || !filters ? EVERYTHING : (s: ServiceView) => selectPage([s], page, false).shown.length > 0;
    return {
      shown: selection?.shown ?? NO_SERVICES,
      all: services ?? NO_SERVICES,
      summarised: selection?.summarised,
      page,
      rotation: rotating && pages.length > 1 ? { next: pages[step.next]!, index: step.index, count: pages.length } : null,
      elsewhere: selection?.elsewhere ?? [],
      notices: [...(resolved?.notices ?? []), ...(problem ? [problem] : [])],
      sound: query.sound,
      covers,
    };
  }, [selection, services, page, rotating, pages, step, resolved, problem, query.sound]);
}
