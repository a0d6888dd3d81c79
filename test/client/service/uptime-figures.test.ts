import { describe, expect, it } from 'vitest';
import { figureRows, watchedSince } from '../../../client/service/uptime-figures';
import { figures, serviceUptime } from './uptime-fixtures';

const MINUTE = 60_000;

describe('figureRows', () => {
  it('puts each figure of each window in a row, and waits for a window still loading', () => {
    const hour = figures({ uptime: 0.99996, downMs: 24_192, incidents: 1, longestOutageMs: 24_192, mttrMs: 24_192 });
    const rows = figureRows([hour, undefined, figures({ uptime: null, monitoredMs: 0, upMs: 0 })]);
    expect(rows.map((r) => [r.label, ...r.cells])).toEqual([
      ['Uptime', '99.996 %', null, 'no data'],
      ['Downtime', '24 s', null, '—'],
      ['Incidents', '1', null, '0'],
      ['Longest outage', '24 s', null, '—'],
      ['MTTR', '24 s', null, '—'],
    ]);
  });

  it('shows MTTA only once some window has an acknowledged incident', () => {
    expect(figureRows([figures()]).map((r) => r.label)).toEqual(['Uptime', 'Downtime', 'Incidents', 'Longest outage']);
    expect(figureRows([figures(), figures({ mttaMs: 4 * MINUTE })]).find((r) => r.label === 'MTTA')?.cells).toEqual(['—', '4 min']);
  });
});

describe('watchedSince', () => {
  it('is null when the whole window was watched', () => {
    expect(watchedSince(serviceUptime())).toBeNull();
  });

  it('is when a service added during the window began to be counted', () => {
    const added = serviceUptime({ countedFrom: '2026-11-20T08:00:00.000Z' });
    expect(watchedSince(added)).toBe(Date.parse('2026-11-20T08:00:00.000Z'));
  });

  it("is when the board's data begins, when that is later", () => {
    const young = serviceUptime();
    young.window.dataFrom = '2026-10-01T00:00:00.000Z';
    expect(watchedSince(young)).toBe(Date.parse('2026-10-01T00:00:00.000Z'));
  });
});
