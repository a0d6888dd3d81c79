import type { ServiceUptimeView, SloView } from '../../../shared/api';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A service's figures over one day, down for `downMs` of it, uptime worked out as the server does. */
export function serviceUptime(id: string, downMs: number, overrides: Partial<ServiceUptimeView> = {}): ServiceUptimeView {
  const monitoredMs = DAY;
  return {
    serviceId: id,
    name: id,
    team: { id: 'payments', name: 'Payments' },
    uptime: (monitoredMs - downMs) / monitoredMs,
    degraded: 0,
    monitoredMs,
    upMs: monitoredMs - downMs,
    degradedMs: 0,
    downMs,
    unknownMs: 0,
    maintenanceMs: 0,
    incidents: downMs > 0 ? 1 : 0,
    longestOutageMs: downMs,
    mttrMs: downMs > 0 ? downMs : null,
    mttaMs: null,
    countedFrom: '2026-11-30T08:00:00.000Z',
    slo: null,
    ...overrides,
  };
}

/** A 99.9 % objective over 30 days, 43.2 minutes of budget, with `leftMs` of it left. */
export function slo(leftMs: number, overrides: Partial<SloView> = {}): SloView {
  return { target: 0.999, window: '30d', uptime: 0.9995, budgetMs: 43.2 * MINUTE, budgetLeftMs: leftMs, burnRate: 0.5, breached: leftMs < 0, ...overrides };
}
