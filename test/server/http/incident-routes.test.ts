import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentsResponse } from '../../../shared/api';
import type { Incident } from '../../../server/incidents/model';
import { startBoard, type RunningBoard } from '../../helpers/board';

const HOUR = 3_600_000;
let board: RunningBoard;
/** The hour a day ago: every incident below opened (and was resolved) in the hours after it. */
const base = Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR;

/** A resolved incident of `serviceId`, opened `n` minutes after `base`. */
function resolvedIncident(n: number, serviceId: string): Incident {
  const openedAt = base + n * 60_000;
  return {
    id: `inc-${serviceId}-${n}`,
    serviceId,
    status: 'resolved',
    openedAt,
    acknowledged: null,
    resolvedAt: openedAt + 30_000,
    reason: `${serviceId}/health: expected status 200, got 503`,
    causes: [{ checkId: 'health', type: 'http', message: 'expected status 200, got 503' }],
    impacted: [],
    partOf: null,
    reopened: 0,
    step: null,
    stepAt: null,
    timeline: [{ at: openedAt, kind: 'opened', message: `${serviceId} is down` }],
  };
}

beforeAll(async () => {
  board = await startBoard('services:\n  - { id: checkout, name: Checkout API }\n  - { id: search, name: Search }\n');
  // 501 of checkout's in the window, and 3 of search's.
  for (let n = 0; n < 501; n++) await board.store.saveIncident(resolvedIncident(n, 'checkout'));
  for (let n = 0; n < 3; n++) await board.store.saveIncident(resolvedIncident(n, 'search'));
  // And 2 of search's own that joined the newest checkout incident as its symptoms.
  for (let n = 600; n < 602; n++) await board.store.saveIncident({ ...resolvedIncident(n, 'search'), partOf: 'inc-checkout-500' });
});
afterAll(() => board?.close());

const list = async (query: Record<string, string>) => {
  const params = new URLSearchParams({ from: new Date(base - HOUR).toISOString(), to: new Date(base + 12 * HOUR).toISOString(), ...query });
  const response = await fetch(`${board.url}/api/incidents?${params}`);
  expect(response.status).toBe(200);
  return (await response.json()) as IncidentsResponse;
};

describe('GET /api/incidents', () => {
  it('lists at most the newest 500 and says when it left older ones out', async () => {
    const all = await list({});
    expect(all.incidents).toHaveLength(500);
    expect(all.truncated).toBe(true);
    // Newest first: the oldest ones are those left out.
    expect(all.incidents[0]!.id).toBe('inc-search-601');
    expect(all.incidents.some((i) => i.id === 'inc-checkout-0')).toBe(false);
  });

  it('is not truncated when the list is whole', async () => {
    const search = await list({ service: 'search' });
    expect(search.incidents.map((i) => i.id)).toEqual(['inc-search-601', 'inc-search-600', 'inc-search-2', 'inc-search-1', 'inc-search-0']);
    expect(search.truncated).toBe(false);
  });

  it('own=true leaves out the incidents that joined another, before the 500 are counted', async () => {
    const own = await list({ own: 'true', service: 'search' });
    expect(own.incidents.map((i) => i.id)).toEqual(['inc-search-2', 'inc-search-1', 'inc-search-0']);
    const all = await list({ own: 'true' });
    expect(all.incidents[0]!.id).toBe('inc-checkout-500');
    expect(all.incidents.some((i) => i.partOf !== null)).toBe(false);
  });

  it('refuses an own that is not true or false', async () => {
    const response = await fetch(`${board.url}/api/incidents?own=yes`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('own must be true or false');
  });
});
