import type { ServiceUptimeResponse, ServiceUptimeView, SloView, UptimeDayView, UptimeFiguresView } from '../../../shared/api';

const DAY = 86_400_000;

/** Figures of a stretch watched throughout with nothing down, unless overridden. */
export function figures(overrides: Partial<UptimeFiguresView> = {}): UptimeFiguresView {
  return {
    uptime: 1,
    degraded: 0,
    monitoredMs: DAY,
    upMs: DAY,
    degradedMs: 0,
    downMs: 0,
    unknownMs: 0,
    maintenanceMs: 0,
    incidents: 0,
    longestOutageMs: 0,
    mttrMs: null,
    mttaMs: null,
    countedFrom: '2026-09-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A UTC day (`YYYY-MM-DD`), whole and without downtime unless overridden. */
export function uptimeDay(day: string, overrides: Partial<UptimeDayView> = {}): UptimeDayView {
  const from = Date.parse(`${day}T00:00:00.000Z`);
  return { day, from: new Date(from).toISOString(), to: new Date(from + DAY).toISOString(), ...figures(), ...overrides };
}

/** `count` consecutive clean days ending on `last`, oldest first. */
export function uptimeDays(count: number, last = '2026-11-30'): UptimeDayView[] {
  const end = Date.parse(`${last}T00:00:00.000Z`);
  return Array.from({ length: count }, (_, i) => uptimeDay(new Date(end - (count - 1 - i) * DAY).toISOString().slice(0, 10)));
}

/** 99.9 % over 30 days, half its 43.2 minutes spent. */
export function slo(overrides: Partial<SloView> = {}): SloView {
  return { target: 0.999, window: '30d', uptime: 0.9995, budgetMs: 2_592_000, budgetLeftMs: 1_290_000, burnRate: 0.5, breached: false, ...overrides };
}

/** What `GET /api/services/checkout/uptime` answers for a window. */
export function serviceUptime(overrides: Partial<ServiceUptimeView> = {}, days?: UptimeDayView[]): ServiceUptimeResponse {
  return {
    window: { from: '2026-09-01T12:00:00.000Z', to: '2026-11-30T12:00:00.000Z', timeZone: 'UTC', label: 'last 90 days', dataFrom: null },
    service: { serviceId: 'checkout', name: 'Checkout API', team: null, slo: null, ...figures({ countedFrom: '2026-09-01T12:00:00.000Z' }), ...overrides },
    ...(days ? { days } : {}),
  };
}
