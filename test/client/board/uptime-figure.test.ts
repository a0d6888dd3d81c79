import { describe, expect, it } from 'vitest';
import { serviceFigure, uptimePercent, wallUptime, wallUptimeWindow } from '../../../client/board/uptime-figure';
import { DAY, SLO_BREACHED, uptimeResponse, uptimeView } from './uptime-fixtures';

const FROM = '2025-12-06T14:02:11.000Z';

describe('uptimePercent', () => {
  it.each<[string, number | null, number, string | null]>([
    ['no downtime at all', 1, 0, '100'],
    ['21.6 minutes down in 30 days', 1 - 21.6 / (30 * 24 * 60), 21.6 * 60_000, '99.95'],
    ['99.95 % exactly, which floats hold as 0.99949999…', 0.9995, 1, '99.95'],
    ['a second down in 30 days is not 100 %', 1 - 1_000 / (30 * DAY), 1_000, '99.99'],
    ['rounded down, never flattering', 0.98768, 1, '98.76'],
    ['a whole number keeps its decimals', 0.98, 1, '98.00'],
    ['down all the time', 0, 30 * DAY, '0.00'],
    ['nothing watched', null, 0, null],
  ])('%s → %s', (_, uptime, downMs, expected) => {
    expect(uptimePercent(uptime, downMs)).toBe(expected);
  });
});

describe('wallUptimeWindow', () => {
  it.each<[string, string | null]>([
    ['', '30d'],
    ['?uptime=7d', '7d'],
    ['?uptime=90d', '90d'],
    ['?uptime=off', null],
    ['?uptime=fortnight', '30d'],
    ['?theme=dark&uptime=7d', '7d'],
  ])('%j → %s', (search, expected) => {
    expect(wallUptimeWindow(search)).toBe(expected);
  });
});

describe('the figures of one answer', () => {
  it('a service with nothing watched and no broken objective has no figure', () => {
    expect(serviceFigure(uptimeView('api', { uptime: null, monitoredMs: 0, upMs: 0 }), '30d', FROM)).toBeNull();
  });

  it('a broken objective is told even when the window has nothing watched', () => {
    expect(serviceFigure(uptimeView('api', { uptime: null, slo: SLO_BREACHED }), '7d', FROM)).toEqual({
      percent: null,
      window: '7d',
      sloBreached: true,
      since: null,
    });
  });

  it('keys each figure by service and gives the overall one', () => {
    const response = uptimeResponse(
      [uptimeView('api'), uptimeView('db', { uptime: 0.9995, downMs: 1_296_000, slo: SLO_BREACHED }), uptimeView('new', { uptime: null })],
      { uptime: 0.99975, monitoredMs: 60 * DAY, downMs: 1_296_000 },
    );
    const { overall, byService } = wallUptime(response, '30d');
    expect(overall).toEqual({ percent: '99.97', window: '30d', sloBreached: false, since: null });
    expect([...byService]).toEqual([
      ['api', { percent: '100', window: '30d', sloBreached: false, since: null }],
      ['db', { percent: '99.95', window: '30d', sloBreached: true, since: null }],
    ]);
  });

  it('says from when a figure counts when that is after the window began: a new service, a board started lately', () => {
    const response = uptimeResponse([uptimeView('new', { countedFrom: '2026-01-02T08:00:00.000Z' }), uptimeView('old')]);
    response.window.dataFrom = '2025-12-20T00:00:00.000Z';
    const { overall, byService } = wallUptime(response, '30d');
    expect(overall!.since).toBe(Date.parse('2025-12-20T00:00:00.000Z'));
    expect(byService.get('new')!.since).toBe(Date.parse('2026-01-02T08:00:00.000Z'));
    expect(byService.get('old')!.since).toBeNull();
  });
});
