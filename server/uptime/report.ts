import type { Status } from '../../shared/status';
import type { Incident } from '../incidents/model';
import type { Store } from '../store/store';
import { uptimeFigures } from './figures';
import type { Interval, UptimeFigures, UptimeInput } from './model';

/** At most this many incidents are read for one answer; more in one window would be a board in trouble of its own. */
const INCIDENT_LIMIT = 100_000;

export interface UptimeSources {
  store: Store;
  /** When this server's own run began: it is watching now, though its run is written only every few seconds. */
  watchingSince: () => number | null;
  now: () => number;
}

/** Each service's inputs to the uptime maths over one window, read from the store in one go. */
export async function uptimeInputs(sources: UptimeSources, serviceIds: readonly string[], window: Interval): Promise<Map<string, UptimeInput>> {
  const { store } = sources;
  const [facts, runs, incidents] = await Promise.all([
    store.uptimeFacts(serviceIds, window.from, window.to),
    store.runs(window.from, window.to),
    store.incidents({ from: window.from, to: window.to, limit: INCIDENT_LIMIT }),
  ]);
  const since = sources.watchingSince();
  const monitored = since === null ? runs : [...runs, { from: since, to: sources.now() }];
  const own = new Map<string, UptimeInput['incidents'][number][]>();
  for (const incident of incidents) {
    // A symptom's own incident that joined its cause's is the cause's outage, counted there.
    if (incident.partOf !== null) continue;
    const list = own.get(incident.serviceId) ?? [];
    list.push(incidentTimes(incident));
    own.set(incident.serviceId, list);
  }
  return new Map(
    serviceIds.map((id) => {
      const f = facts.get(id) ?? { statusBefore: null, transitions: [], firstSeenAt: null };
      return [id, { window, statusBefore: f.statusBefore, transitions: f.transitions, monitored, firstSeenAt: f.firstSeenAt, incidents: own.get(id) ?? [] }];
    }),
  );
}

const incidentTimes = (incident: Incident) => ({
  openedAt: incident.openedAt,
  resolvedAt: incident.resolvedAt,
  acknowledgedAt: incident.acknowledged?.at ?? null,
});

/** The same inputs narrowed to a part of their window (a day): the status before it is the last one seen before it. */
export function narrowInput(input: UptimeInput, part: Interval): UptimeInput {
  let statusBefore: Status | null = input.statusBefore;
  const transitions: UptimeInput['transitions'][number][] = [];
  for (const t of input.transitions) {
    if (t.at < part.from) statusBefore = t.to;
    else if (t.at < part.to) transitions.push(t);
  }
  return {
    ...input,
    window: part,
    statusBefore,
    transitions,
    incidents: input.incidents.filter((i) => i.openedAt < part.to && (i.resolvedAt === null || i.resolvedAt >= part.from)),
  };
}

/** When the board's data begins within the window, when that is after its start (its first run then); null otherwise. */
export function dataFrom(monitored: readonly Interval[], window: Interval): number | null {
  const first = Math.min(...monitored.map((m) => m.from));
  return Number.isFinite(first) && first > window.from ? first : null;
}

/** Every service's figures, and the board's overall uptime (all up time ÷ all monitored time). */
export function boardFigures(inputs: Map<string, UptimeInput>): {
  figures: Map<string, UptimeFigures>;
  overall: { uptime: number | null; monitoredMs: number; downMs: number };
} {
  const figures = new Map([...inputs].map(([id, input]) => [id, uptimeFigures(input)]));
  let monitoredMs = 0;
  let upMs = 0;
  let downMs = 0;
  for (const f of figures.values()) {
    monitoredMs += f.monitoredMs;
    upMs += f.durations.up + f.durations.degraded;
    downMs += f.durations.down;
  }
  return { figures, overall: { uptime: monitoredMs > 0 ? upMs / monitoredMs : null, monitoredMs, downMs } };
}
