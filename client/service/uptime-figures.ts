import type { ServiceUptimeResponse, UptimeFiguresView } from '../../shared/api';
import { formatDowntime, formatSpan, formatUptime } from './uptime-words';

/** One row of the uptime figures: a figure across the windows. */
export interface FigureRow {
  /** What the row is: "Uptime", "MTTR". */
  label: string;
  /** The label spelt out, for its tooltip; null when it needs none. */
  title: string | null;
  /** One cell per window, in the windows' order; null where the window's figures have not come. */
  cells: Array<string | null>;
}

interface RowSpec {
  label: string;
  title: string | null;
  text: (figures: UptimeFiguresView) => string;
  /** Set for a figure that may not exist (no incident resolved): its row is left out when no window has it. */
  has?: (figures: UptimeFiguresView) => boolean;
}

// Without watched time there is no downtime to speak of, only the incidents (events) to count.
const unlessUnwatched = (text: (figures: UptimeFiguresView) => string) => (figures: UptimeFiguresView) => (figures.uptime === null ? '—' : text(figures));

const ROWS: readonly RowSpec[] = [
  { label: 'Uptime', title: null, text: (f) => formatUptime(f.uptime, f.downMs) },
  { label: 'Downtime', title: null, text: unlessUnwatched((f) => formatDowntime(f.downMs)) },
  { label: 'Incidents', title: null, text: (f) => f.incidents.toLocaleString() },
  { label: 'Longest outage', title: null, text: unlessUnwatched((f) => formatDowntime(f.longestOutageMs)) },
  {
    label: 'MTTR',
    title: 'Mean time to resolve: from opening to resolution, of the incidents resolved in the window',
    text: (f) => (f.mttrMs === null ? '—' : formatSpan(f.mttrMs)),
    has: (f) => f.mttrMs !== null,
  },
  {
    label: 'MTTA',
    title: 'Mean time to acknowledge: from opening to acknowledgement, of the incidents acknowledged in the window',
    text: (f) => (f.mttaMs === null ? '—' : formatSpan(f.mttaMs)),
    has: (f) => f.mttaMs !== null,
  },
];

/** The figures of each window (undefined while one loads) as rows; MTTR and MTTA only when some window has them. */
export function figureRows(windows: ReadonlyArray<UptimeFiguresView | undefined>): FigureRow[] {
  return ROWS.filter((row) => !row.has || windows.some((figures) => figures !== undefined && row.has!(figures))).map((row) => ({
    label: row.label,
    title: row.title,
    cells: windows.map((figures) => (figures === undefined ? null : row.text(figures))),
  }));
}

/** When a window's counting began (epoch ms), when well after the window's start: nothing before it was watched. Null otherwise. */
export function watchedSince(response: ServiceUptimeResponse): number | null {
  const from = Date.parse(response.window.from);
  const dataFrom = response.window.dataFrom === null ? from : Date.parse(response.window.dataFrom);
  const since = Math.max(Date.parse(response.service.countedFrom), dataFrom);
  // A minute's slack: the service's first record lands just after a window that starts at the server's start.
  return since - from > 60_000 ? since : null;
}
