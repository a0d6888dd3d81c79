import type { MaintenanceNow, MaintenanceWindowView } from '../../shared/api';
import type { MaintenanceWindowConfig } from './config';
import type { StoredMaintenance } from './model';
import { nextOccurrence, occurrences, type Occurrence } from './occurrences';

export { nextOccurrence, occurrences, type Occurrence } from './occurrences';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far ahead recurring windows are expanded at a time; asked about a time past it, the calendar expands again. */
const DEFAULT_HORIZON_MS = 2 * DAY;

/**
 * The occurrences of each config window last expanded, by horizon. A change of API windows
 * makes a new calendar over the same config windows, within the same hour usually: it
 * takes them from here rather than expanding a window that starts every few minutes again.
 */
const expanded = new WeakMap<MaintenanceWindowConfig, { from: number; to: number; occurrences: Occurrence[] }>();

function occurrencesIn(window: MaintenanceWindowConfig, from: number, to: number): Occurrence[] {
  const known = expanded.get(window);
  if (known && known.from === from && known.to === to) return known.occurrences;
  const list = occurrences(window, from, to);
  expanded.set(window, { from, to, occurrences: list });
  return list;
}
/** A recurring window is listed with its current or next time when that begins within this. */
const LISTED_AHEAD_MS = 30 * DAY;

/** What every time a window is in force shares. */
interface WindowFacts {
  id: string;
  services: readonly string[];
  reason: string;
  origin: 'config' | 'api';
  /** The cron or rrule text; null for a one-off. */
  recurrence: string | null;
}

/** One time a window is in force: [from, until), epoch ms. */
interface Entry {
  window: WindowFacts;
  from: number;
  until: number;
  /** What a tile shows while it is in force, made once. */
  now: MaintenanceNow;
}

/** A stretch of time in which one entry is the one a service shows: [from, until). */
interface Segment {
  from: number;
  until: number;
  entry: Entry;
}

/** Everything known between two instants, indexed for the questions asked thousands of times a second. */
interface Horizon {
  from: number;
  to: number;
  /** Per service, its segments in order, none overlapping. */
  segments: Map<string, Segment[]>;
  /** Every instant an entry starts or ends, in order, each once. */
  changes: number[];
  /** Per recurring window, its entries in the horizon in order. */
  recurring: Map<string, Entry[]>;
}

const iso = (ms: number) => new Date(ms).toISOString();

function entry(window: WindowFacts, from: number, until: number): Entry {
  return { window, from, until, now: Object.freeze({ id: window.id, until: iso(until), reason: window.reason }) };
}

const factsOfConfig = (window: MaintenanceWindowConfig): WindowFacts => ({
  id: window.id,
  services: window.services,
  reason: window.reason,
  origin: 'config',
  recurrence: window.schedule.kind === 'cron' ? window.schedule.cron : window.schedule.kind === 'rrule' ? window.schedule.rrule : null,
});

const factsOfStored = (window: StoredMaintenance): WindowFacts => ({
  id: window.id,
  services: window.services,
  reason: window.reason,
  origin: 'api',
  recurrence: null,
});

/**
 * Where several entries overlap, the one ending last is shown: the stretches of time in
 * which one entry is it, in order. Pure.
 */
function segmentsOf(entries: Entry[]): Segment[] {
  // By start, and of those starting together the one ending last first: it is the one shown.
  const sorted = [...entries].sort((a, b) => a.from - b.from || b.until - a.until);
  const segments: Segment[] = [];
  let current: Segment | null = null;
  for (const next of sorted) {
    if (current && next.from < current.entry.until) {
      // Within the current entry: only one ending later takes over, from its start.
      if (next.until <= current.entry.until) continue;
      segments.push({ ...current, until: next.from });
    } else if (current) {
      segments.push(current);
    }
    current = { from: next.from, until: next.until, entry: next };
  }
  if (current) segments.push(current);
  return segments;
}

/** The index of the last item whose `from` is at or before `at`, or -1. */
function lastStartingBy<T extends { from: number }>(items: readonly T[], at: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle]!.from <= at) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** The first value after `at`, or Infinity. */
function firstAfter(sorted: readonly number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= at) low = middle + 1;
    else high = middle;
  }
  return sorted[low] ?? Infinity;
}

/**
 * Which services are in maintenance when: the config's windows (one-off and recurring)
 * and those made through the API, for one config and one set of API windows (a change
 * makes a new calendar). Pure: it reads no clock, each question says when it is asked.
 *
 * Recurring windows are expanded for a horizon (two days from the hour first asked
 * about) and indexed by service, so `activeFor` is a map lookup and a binary search; a
 * question about a time outside the horizon expands a new one from that time. Answers
 * do not depend on the horizon.
 */
export class MaintenanceCalendar {
  private readonly recurringWindows: MaintenanceWindowConfig[];
  /** One-off windows of the config and windows of the API: their whole extent is known. */
  private readonly fixed: Entry[];
  private readonly origins = new Map<string, 'config' | 'api'>();
  private readonly horizonMs: number;
  private horizon: Horizon | null = null;

  constructor(config: readonly MaintenanceWindowConfig[], stored: readonly StoredMaintenance[], options: { horizonMs?: number } = {}) {
    this.horizonMs = Math.max(1, options.horizonMs ?? DEFAULT_HORIZON_MS);
    this.recurringWindows = config.filter((window) => window.schedule.kind !== 'once');
    this.fixed = [];
    for (const window of config) {
      this.origins.set(window.id, 'config');
      if (window.schedule.kind === 'once') this.fixed.push(entry(factsOfConfig(window), window.schedule.from, window.schedule.until));
    }
    for (const window of stored) {
      if (!this.origins.has(window.id)) this.origins.set(window.id, 'api');
      if (window.from < window.until) this.fixed.push(entry(factsOfStored(window), window.from, window.until));
    }
  }

  /** Where a window with this id comes from, or null when there is none. */
  originOf(id: string): 'config' | 'api' | null {
    return this.origins.get(id) ?? null;
  }

  /**
   * The window `serviceId` is in at `now` ([from, until) holds `now`); when several are, the
   * one ending last. Null outside any. The same object each time for the same occurrence.
   */
  activeFor(serviceId: string, now: number): MaintenanceNow | null {
    const segments = this.horizonAt(now).segments.get(serviceId);
    if (!segments) return null;
    const segment = segments[lastStartingBy(segments, now)];
    return segment && now < segment.until ? segment.entry.now : null;
  }

  /** The next instant after `now` at which any window starts or ends; Infinity when none ever will. */
  nextChangeAfter(now: number): number {
    const horizon = this.horizonAt(now);
    const known = firstAfter(horizon.changes, now);
    if (known < horizon.to) return known;
    // Past the horizon the recurring windows have not been expanded: their next starts may come sooner.
    let next = known;
    for (const window of this.recurringWindows) {
      const occurrence = nextOccurrence(window, horizon.to, next);
      if (occurrence) next = Math.min(next, occurrence.from);
    }
    return next;
  }

  /**
   * The windows in force at `now` or still to come, sorted by start (then id): each
   * one-off window (config or API) until it ends, and each recurring window's current
   * occurrence, else its next within 30 days.
   */
  views(now: number): MaintenanceWindowView[] {
    const horizon = this.horizonAt(now);
    const shown: Entry[] = this.fixed.filter((e) => e.until > now);
    for (const window of this.recurringWindows) {
      const current = horizon.recurring.get(window.id)?.find((e) => e.until > now && e.from < now + LISTED_AHEAD_MS);
      if (current) {
        shown.push(current);
        continue;
      }
      const next = nextOccurrence(window, horizon.to, now + LISTED_AHEAD_MS);
      if (next) shown.push(entry(factsOfConfig(window), next.from, next.until));
    }
    return shown
      .sort((a, b) => a.from - b.from || (a.window.id < b.window.id ? -1 : a.window.id > b.window.id ? 1 : 0))
      .map(({ window, from, until }) => ({
        id: window.id,
        services: [...window.services],
        from: iso(from),
        until: iso(until),
        reason: window.reason,
        origin: window.origin,
        recurrence: window.recurrence,
      }));
  }

  /** The horizon holding `now`, expanded anew from `now` when it does not. */
  private horizonAt(now: number): Horizon {
    if (this.horizon && now >= this.horizon.from && now < this.horizon.to) return this.horizon;
    // Begun on the hour (or a finer step for a short horizon), so calendars made within it expand alike.
    const step = Math.min(HOUR, Math.ceil(this.horizonMs / 2));
    const from = now - (((now % step) + step) % step);
    const to = from + this.horizonMs;
    const recurring = new Map<string, Entry[]>();
    for (const window of this.recurringWindows) {
      const facts = factsOfConfig(window);
      recurring.set(
        window.id,
        occurrencesIn(window, from, to).map((o) => entry(facts, o.from, o.until)),
      );
    }
    // What ended before the horizon can neither be in force nor change anything in it.
    const entries = [...this.fixed.filter((e) => e.until > from), ...[...recurring.values()].flat()];
    const byService = new Map<string, Entry[]>();
    for (const e of entries) {
      for (const service of e.window.services) {
        const list = byService.get(service);
        if (list) list.push(e);
        else byService.set(service, [e]);
      }
    }
    const segments = new Map([...byService].map(([service, list]) => [service, segmentsOf(list)]));
    const changes = [...new Set(entries.flatMap((e) => [e.from, e.until]))].sort((a, b) => a - b);
    this.horizon = { from, to, segments, changes, recurring };
    return this.horizon;
  }
}
