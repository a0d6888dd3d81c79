import type { ServiceUptimeView, UptimeResponse } from '../../shared/api';
import { uptimePercent } from '../uptime-text';

/** The windows a wall shows uptime over, as its address names them (`/?uptime=7d`). */
export const WALL_UPTIME_WINDOWS = ['7d', '30d', '90d'] as const;
export type WallUptimeWindow = (typeof WALL_UPTIME_WINDOWS)[number];

/** The window when the address names none. */
export const DEFAULT_WALL_UPTIME_WINDOW: WallUptimeWindow = '30d';

/** The window as a tile shows it, small: `30 d`. */
export const WINDOW_SHORT: Record<WallUptimeWindow, string> = { '7d': '7 d', '30d': '30 d', '90d': '90 d' };

/** The window in words, for screen readers and tooltips. */
export const WINDOW_WORDS: Record<WallUptimeWindow, string> = { '7d': 'the last 7 days', '30d': 'the last 30 days', '90d': 'the last 90 days' };

/**
 * The window a wall's address asks for: `?uptime=7d|30d|90d`, or null for `off`. A wall
 * screen is configured by its address, so a value not understood shows the default
 * rather than blanking every tile's figure. Pure.
 */
export function wallUptimeWindow(search: string): WallUptimeWindow | null {
  const asked = new URLSearchParams(search).get('uptime');
  if (asked === 'off') return null;
  return WALL_UPTIME_WINDOWS.find((w) => w === asked) ?? DEFAULT_WALL_UPTIME_WINDOW;
}

/** An uptime figure as the wall shows it. */
export interface UptimeFigure {
  /** Percent with two decimals (`99.95`), or `100` for no downtime at all; null when nothing was watched. */
  percent: string | null;
  /** The window it is over. */
  window: WallUptimeWindow;
  /** The service's objective is broken (its error budget, over the objective's own window, is spent). */
  sloBreached: boolean;
  /**
   * When counting began, when that is later than the window's start (a service added a
   * week ago, a board started last Tuesday), epoch ms; null when the figure covers the whole window.
   */
  since: number | null;
}

/** A start within this of the window's is the window's: a figure is not "since" a minute later. */
const SAME_START_MS = 60_000;

const laterStart = (countedFrom: string | null, windowFrom: string) => {
  if (countedFrom === null) return null;
  const at = Date.parse(countedFrom);
  return at - Date.parse(windowFrom) > SAME_START_MS ? at : null;
};

export { uptimePercent };

/**
 * A service's figure, or null when there is nothing to show (nothing watched, and no
 * broken objective). `windowFrom` is the window's start (ISO 8601). Pure.
 */
export function serviceFigure(view: ServiceUptimeView, window: WallUptimeWindow, windowFrom: string): UptimeFigure | null {
  const percent = uptimePercent(view.uptime, view.downMs);
  const sloBreached = view.slo?.breached === true;
  return percent === null && !sloBreached ? null : { percent, window, sloBreached, since: laterStart(view.countedFrom, windowFrom) };
}

/** What the wall shows of one uptime answer: the board's figure and each service's. */
export interface WallUptime {
  /** The board's overall figure; null when nothing was watched. */
  overall: UptimeFigure | null;
  /** By service id; a service with nothing to show is absent. */
  byService: ReadonlyMap<string, UptimeFigure>;
}

export const NO_UPTIME: WallUptime = { overall: null, byService: new Map() };

/** The wall's figures from `GET /api/uptime`. Pure. */
export function wallUptime(response: UptimeResponse, window: WallUptimeWindow): WallUptime {
  const byService = new Map<string, UptimeFigure>();
  for (const view of response.services) {
    const figure = serviceFigure(view, window, response.window.from);
    if (figure) byService.set(view.serviceId, figure);
  }
  const percent = uptimePercent(response.overall.uptime, response.overall.downMs);
  const since = laterStart(response.window.dataFrom, response.window.from);
  return { overall: percent === null ? null : { percent, window, sloBreached: false, since }, byService };
}
