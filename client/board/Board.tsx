import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { phoneColumn } from './phone-order';
import { impactNamer } from './upstream';
import { unfoldWall, unplanned, wallContent } from './layout';
import type { TeamFold } from './fold-plan';
import { banner } from './summary';
import { canvasMeasure, estimateText } from './text-width';
import { wallStyle } from './wall-style';
import { useAfterIdle } from './use-after-idle';
import { useTileKeys } from './use-tile-keys';
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
const REFOLD_AFTER_IDLE_MS = 120_000;

/** The strip's type on a phone, read at arm's length rather than across a room: as large as a tile's status. */
const PHONE_STRIP_EM = 1.4;

const NO_NOTICES: readonly BoardNotice[] = [];
const NOTHING_YET = unplanned([]);
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
  const bannerRef = useRef<HTMLElement>(null);
  const entries = useMemo(() => stripEntries(oncall, services), [oncall, services]);
  const live = state === 'live';
  const nameOf = useMemo(() => impactNamer(view.all), [view.all]);
  // The banner sums up what the view watches, which on a rotation is more than its page shows.
  const summarised = view.summarised ?? services;
  const space = useWallSpace(area, grid, bannerRef);
  useTileKeys(area);
  // The page re-renders every second for the clock; the key changes only with the entries.
  const key = useMemo(() => entriesKey(entries), [entries]);
  const widths = useEntryWidths(strip, key);
  // What each tile must fit, measured in the page's own type: worked out only where there is a wall to lay out.
  const measure = useMemo(() => canvasMeasure(() => getComputedStyle(document.documentElement).fontFamily), []);
  const sentence = banner(summarised, live).text;
  // Only whether there is a wall matters here, not its size: a resize does not rebuild the content.
  const measureText = space ? measure : estimateText;
  const content = useMemo(() => wallContent(sorted, sentence, measureText, nameOf), [sorted, sentence, measureText, nameOf]);
  // The banner, the strip and the grid share one space: the strip gives way before any tile does.
  const stripPlan = useMemo(() => planStrip(content, space ?? null, widths), [content, space, widths]);
  const stripShown = useMemo(() => (space === null ? { ...stripPlan, fontEm: PHONE_STRIP_EM } : stripPlan), [space, stripPlan]);
  // A wall screen never scrolls: what does not fit folds by team, and what a team tile
  // cannot hold into one more tile, which a person at a desk can open; it folds again on
  // request, or by itself once nobody touches the page.
  const [showAll, setShowAll] = useState(false);
  const fold = useCallback(() => setShowAll(false), []);
  useAfterIdle(showAll, REFOLD_AFTER_IDLE_MS, fold);
  // A wall screen is measured before its first paint: until then there is nothing worth laying out.
  const fitted = space === undefined ? NOTHING_YET : stripPlan.wall;
  const plan = useMemo(() => (showAll ? unfoldWall(fitted, sorted) : fitted), [sorted, showAll, fitted]);
  const foldable = showAll && (fitted.teams.length > 0 || fitted.more.length > 0);
  // Unfolding moves the keyboard focus to the first tile that was folded, not to the page's start.
  const [focusOn, setFocusOn] = useState<string | null>(null);
  useEffect(() => {
    if (focusOn === null) return;
    area.current?.querySelector<HTMLElement>(`[data-service="${focusOn}"] a`)?.focus();
    setFocusOn(null);
  }, [focusOn, plan]);
  const unfold = (folds: readonly TeamFold[]) => {
    setFocusOn(folds[0]?.services[0]?.id ?? null);
    setShowAll(true);
  };
  const uptime = useWallUptime();
  // A phone (no wall) scrolls one column: problems, then the on-call strip, then the rest.
  const phone = useMemo(() => (space === null ? phoneColumn(plan.tiles) : null), [space, plan.tiles]);
  const tile = (service: (typeof plan.tiles)[number]) => (
    <Tile key={service.id} service={service} now={now} nameOf={nameOf} uptime={uptime.byService.get(service.id)} />
  );
  const problemsFirst = phone !== null && phone.problems.length > 0;
  return (
    <main className="board" data-board="ready" data-stale={live ? undefined : ''} style={wallStyle(plan.grid)}>
      <div className="board-content">
        <Banner ref={bannerRef} services={summarised} live={live} uptime={uptime.overall} />
        <Notices notices={notices} />
        <ViewBar view={view} />
        <div ref={area} className="board-area">
          {problemsFirst && (
            <ul className="grid" aria-label="Problems">
              {phone.problems.map(tile)}
            </ul>
          )}
          <OncallStrip ref={strip} entries={entries} plan={stripShown} now={now} />
          <ul
            ref={grid}
            className="grid"
            aria-label={problemsFirst ? 'Other services' : 'Services'}
            data-grid={plan.grid ? `${plan.grid.columns}x${plan.grid.rows}` : undefined}
          >
            {(phone?.rest ?? plan.tiles).map(tile)}
            {plan.teams.map((team) => (
              <FoldedTile key={team.team?.id ?? ''} folds={[team]} onShowAll={() => unfold([team])} />
            ))}
            {plan.more.length > 0 && <FoldedTile folds={plan.more} merged onShowAll={() => unfold(plan.more)} />}
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
