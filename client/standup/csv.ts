import type { IncidentView, ServiceUptimeView, TransitionView } from '../../shared/api';
import { firstPaged, incidentDurationMs } from './incident-facts';
import { hoursWords, type OncallRow } from './oncall-rows';
import type { Period } from './period';
import { formatLocal } from './zoned-time';

type Cell = string | number | boolean | null;

// Quoted only when it must be (RFC 4180): a comma, a quote or a line break; a quote inside is doubled.
// Text that a spreadsheet would run as a formula (a name typed when acknowledging, say
// "=HYPERLINK(…)") gets a leading apostrophe, so it is shown, never run. Numbers are left alone.
function csvCell(value: Cell): string {
  const raw = value === null ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: a header line, then one line per row, CRLF between lines as RFC 4180 has it. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// Seconds for a spreadsheet to add up: unformatted, with the milliseconds as a fraction.
const seconds = (ms: number | null) => (ms === null ? null : ms / 1_000);

/** The services table as CSV: uptime as a 0–1 ratio at full precision, every duration in seconds. */
export function uptimeCsv(services: readonly ServiceUptimeView[]): string {
  const header = [
    'service_id',
    'service',
    'team',
    'uptime',
    'down_s',
    'degraded_s',
    'unknown_s',
    'maintenance_s',
    'monitored_s',
    'incidents',
    'longest_outage_s',
    'mttr_s',
    'mtta_s',
    'slo_target',
    'slo_budget_left_s',
    'slo_breached',
  ];
  const rows = services.map((s) => [
    s.serviceId,
    s.name,
    s.team?.name ?? null,
    s.uptime,
    seconds(s.downMs),
    seconds(s.degradedMs),
    seconds(s.unknownMs),
    seconds(s.maintenanceMs),
    seconds(s.monitoredMs),
    s.incidents,
    seconds(s.longestOutageMs),
    seconds(s.mttrMs),
    seconds(s.mttaMs),
    s.slo?.target ?? null,
    seconds(s.slo?.budgetLeftMs ?? null),
    s.slo?.breached ?? null,
  ]);
  return toCsv(header, rows);
}

/** The incidents table as CSV: times in UTC ISO 8601, durations in seconds (an open one up to `now`). */
export function incidentsCsv(incidents: readonly IncidentView[], now: number, outOfHours?: ReadonlySet<string>): string {
  const header = [
    'incident_id',
    'service_id',
    'service',
    'team',
    'status',
    'opened_at',
    'resolved_at',
    'duration_s',
    'out_of_hours',
    'first_paged',
    'first_paged_at',
    'acknowledged_by',
    'acknowledged_at',
    'reason',
  ];
  const rows = incidents.map((incident) => {
    const paged = firstPaged(incident);
    return [
      incident.id,
      incident.serviceId,
      incident.serviceName,
      incident.team?.name ?? null,
      incident.status,
      incident.openedAt,
      incident.resolvedAt,
      seconds(incidentDurationMs(incident, now)),
      // Blank while the working hours are not known (the on-call answer has not come).
      outOfHours ? (outOfHours.has(incident.id) ? 'yes' : 'no') : null,
      paged?.name ?? null,
      paged?.at ?? null,
      incident.acknowledged?.by ?? null,
      incident.acknowledged?.at ?? null,
      incident.reason,
    ];
  });
  return toCsv(header, rows);
}

/** The on-call table as CSV: durations in seconds, the person's working hours as the figures counted them. */
export function oncallCsv(rows: readonly OncallRow[]): string {
  const header = [
    'person_id',
    'person',
    'teams',
    'on_call_s',
    'on_call_out_of_hours_s',
    'pages',
    'pages_out_of_hours',
    'acknowledged',
    'ack_median_s',
    'ack_longest_s',
    'working_hours',
  ];
  const data = rows.map((row) => [
    row.person.id,
    row.person.name,
    row.teams.map((t) => t.name).join('; '),
    seconds(row.onCallMs),
    seconds(row.onCallOutOfHoursMs),
    row.pages,
    row.pagesOutOfHours,
    row.acknowledged,
    seconds(row.ackMedianMs),
    seconds(row.ackLongestMs),
    hoursWords(row.workingHours),
  ]);
  return toCsv(header, data);
}

/** The state changes as CSV: UTC times; `lasted_s` up to the next change, empty when the status still held at the period's end. */
export function transitionsCsv(transitions: readonly TransitionView[]): string {
  const header = ['service_id', 'service', 'team', 'from', 'to', 'at', 'until', 'lasted_s'];
  const rows = transitions.map((t) => [
    t.serviceId,
    t.serviceName,
    t.team?.name ?? null,
    t.from,
    t.to,
    t.at,
    t.until,
    t.until === null ? null : seconds(Date.parse(t.until) - Date.parse(t.at)),
  ]);
  return toCsv(header, rows);
}

/** `greenboard-uptime-2026-11-30T0900-2026-12-01T1413.csv`: the period's local ends, without the colons some systems refuse in names. */
export function csvFileName(table: 'uptime' | 'incidents' | 'oncall' | 'state-changes', period: Period): string {
  const end = (at: number) => formatLocal(at, period.timeZone).replace(/[:+]/g, '');
  return `greenboard-${table}-${end(period.from)}-${end(period.to)}.csv`;
}
