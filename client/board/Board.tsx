import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { BoardNotice, TeamOncallView } from '../../shared/api';
import type { ConnectionState, ConnectionStore } from '../api/connection';
import { servicesQuery } from '../api/services';
import { useConnectionState } from '../api/use-connection';
import { Banner } from './Banner';
import { Notices } from './Notices';
import { OncallStrip } from './OncallStrip';
import { stripEntries } from './oncall-entries';
import { planStrip } from './strip-plan';
import { StaleOverlay } from './StaleOverlay';
import { FoldedTile } from './FoldedTile';
import { Tile } from './Tile';
import { impactNamer } from './upstream';
import { planWall, rowMinEm } from './layout';
import { useAfterIdle } from './use-after-idle';
import { sortForWall } from './sort';
import { usePageChrome } from './use-page-chrome';
import { useNow } from './use-now';
import { useWallUptime } from './use-wall-uptime';
import { useWallView, type WallView } from './use-wall-view';
import { ViewBar } from './ViewBar';
import { useEntryWidths, useWallSpace } from './use-wall-space';
import './board.css';

/** The wall: every service, problems first, and a banner that sums them up. */
export function Board({ connection }: { connection: ConnectionStore }) {
  const { data, isError, error } = useQuery(servicesQuery());
  const state = useConnectionState(connection);
  const view = useWallView(data?.services);
  usePageChrome(view.summarised, state, view.page?.name);
  // Until the first snapshot nothing on screen may look like good news.
  if (state === 'connecting' || (!data && !isError)) {
    return <BoardMessage kind="loading" title="Connecting…" detail="Waiting for the first update from the server" />;
  }
  if (!data) return <BoardMessage kind="error" title="Cannot reach the server" detail={error?.message ?? ''} />;
  return <Wall view={view} notices={data.notices ?? NO_NOTICES} oncall={data.oncall ?? NO_ONCALL} state={state} connection={connection} />;
}

/** How long an unfolded wall stays unfolded without anyone touching the page. */
export const REFOLD_AFTER_IDLE_MS = 120_000;

const NO_NOTICES: readonly BoardNotice[] = [];
const NO_ONCALL: readonly TeamOncallView[] = [];

interface WallProps {
  /** The view of the board the address asks for: its services are the tiles (see use-wall-view.ts). */
  view: WallView;
  /** What is wrong with the server itself (history not being saved, say). */
  notices: readonly BoardNotice[];
  /** Every team's on-call, for the strip. */
  oncall: readonly TeamOncallView[];
  state: ConnectionState;
  connection: ConnectionStore;
}

function Wall({ view, notices, oncall, state, connection }: WallProps) {
  const services = view.shown;
  const now = useNow();
  const sorted = useMemo(() => sortForWall(services), [services]);
  const area = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLUListElement>(null);
  const strip = useRef<HTMLUListElement>(null);
  const entries = useMemo(() => stripEntries(oncall, services), [oncall, services]);
  // The row height the tiles' text needs: a line more while any tile says who was paged.
  const rowMin = useMemo(() => rowMinEm(services), [services]);
  const measured = useWallSpace(area, grid);
  const space = useMemo(() => measured && { ...measured, rowMinPx: rowMin * measured.fontPx }, [measured, rowMin]);
  // The page re-renders every second for the clock; the key changes only with the entries.
  const key = useMemo(() => entriesKey(entries), [entries]);
  const widths = useEntryWidths(strip, key);
  // The strip and the grid share one space: the strip gives way before any tile does.
  const stripPlan = useMemo(() => planStrip(sorted, space, widths), [sorted, space, widths]);
  const rows = stripPlan.rows;
  // A wall screen never scrolls: what does not fit folds into one tile, which a person at a
  // desk can open; it folds again on request, or by itself once nobody touches the page.
  const [showAll, setShowAll] = useState(false);
  const fold = useCallback(() => setShowAll(false), []);
  useAfterIdle(showAll, REFOLD_AFTER_IDLE_MS, fold);
  const fitted = useMemo(() => planWall(sorted, rows), [sorted, rows]);
  const plan = useMemo(() => (showAll ? planWall(sorted, null) : fitted), [sorted, showAll, fitted]);
  const foldable = showAll && fitted.folded.length > 0;
  // Unfolding moves the keyboard focus to the first tile that was folded, not to the page's start.
  const [focusOn, setFocusOn] = useState<string | null>(null);
  useEffect(() => {
    if (focusOn === null) return;
    grid.current?.querySelector<HTMLElement>(`[data-service="${focusOn}"] a`)?.focus();
    setFocusOn(null);
  }, [focusOn, plan]);
  const unfold = (firstFolded: string) => {
    setFocusOn(firstFolded);
    setShowAll(true);
  };
  const live = state === 'live';
  const nameOf = useMemo(() => impactNamer(view.all), [view.all]);
  const uptime = useWallUptime();
  return (
    <main className="board" data-board="ready" data-stale={live ? undefined : ''}>
      <div className="board-content">
        <Banner services={view.summarised ?? services} live={live} uptime={uptime.overall} />
        <Notices notices={notices} />
        <ViewBar view={view} />
        <div ref={area} className="board-area">
          <OncallStrip ref={strip} entries={entries} plan={stripPlan} now={now} />
          <ul ref={grid} className="grid" aria-label="Services" style={{ '--cols': plan.columns, '--row-min': `${rowMin}em` } as CSSProperties}>
            {plan.tiles.map((service) => (
              <Tile key={service.id} service={service} now={now} nameOf={nameOf} uptime={uptime.byService.get(service.id)} />
            ))}
            {plan.folded.length > 0 && <FoldedTile services={plan.folded} onShowAll={() => unfold(plan.folded[0]!.id)} />}
            {foldable && (
              <li className="tile tile-refold">
                <button type="button" className="tile-link" onClick={fold}>
                  Fit to screen
                </button>
              </li>
            )}
          </ul>
        </div>
      </div>
      {!live && <StaleOverlay connection={connection} />}
    </main>
  );
}

/** What the strip shows, as text: its entries are measured again when this changes. */
const entriesKey = (entries: ReturnType<typeof stripEntries>) =>
  entries.map((e) => `${e.team.id}\u0000${e.team.name}\u0000${e.person?.name ?? ''}\u0000${e.until ?? ''}`).join('\u0001');

function BoardMessage({ kind, title, detail }: { kind: 'loading' | 'error'; title: string; detail: string }) {
  return (
    <main className="board board-message" data-board={kind} aria-busy={kind === 'loading'}>
      <h1>{title}</h1>
      <p>{detail}</p>
    </main>
  );
}
