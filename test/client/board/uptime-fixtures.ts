import type { ServiceUptimeView, SloView, UptimeResponse } from '../../../shared/api';

export const DAY = 86_400_000;

/** A service watched for all of the last 30 days and never down, unless overridden. */
export function uptimeView(serviceId: string, overrides: Partial<ServiceUptimeView> = {}): ServiceUptimeView {
  return {
    serviceId,
    name: serviceId,
    team: null,
    uptime: 1,
    degraded: 0,
    monitoredMs: 30 * DAY,
    upMs: 30 * DAY,
    degradedMs: 0,
    downMs: 0,
    unknownMs: 0,
    maintenanceMs: 0,
    incidents: 0,
    longestOutageMs: 0,
    mttrMs: null,
    mttaMs: null,
    countedFrom: '2025-12-06T14:02:11.000Z',
    slo: null,
    ...overrides,
  };
}

/** A 99.9 % objective over 30 days, its budget (43.2 minutes) spent twice over. */
export const SLO_BREACHED: SloView = {
  target: 0.999,
  window: '30d',
  uptime: 0.998,
  budgetMs: 2_592_000,
  budgetLeftMs: -2_592_000,
  burnRate: 2,
  breached: true,
};

/** `GET /api/uptime` for the last 30 days. */
export function uptimeResponse(
  services: ServiceUptimeView[],
  overall: UptimeResponse['overall'] = { uptime: 1, monitoredMs: 30 * DAY, downMs: 0 },
): UptimeResponse {
  return {
    window: { from: '2025-12-06T14:02:11.000Z', to: '2026-01-05T14:02:11.000Z', timeZone: 'UTC', label: 'last 30 days', dataFrom: null },
    overall,
    services,
  };
}
