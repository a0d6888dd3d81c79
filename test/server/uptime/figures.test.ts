import { describe, expect, it } from 'vitest';
import { at, day, DAY, moves } from './one-day';
import { sumDurations, uptimeFigures } from '../../../server/uptime/figures';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('the time in each status', () => {
  it('lists every status, those never seen at 0', () => {
    expect(sumDurations([{ from: at('00:00'), to: at('01:00'), status: 'down' }])).toEqual({ up: 0, degraded: 0, down: HOUR, unknown: 0, maintenance: 0 });
  });

  it('adds up every segment of a status', () => {
    const durations = sumDurations([
      { from: at('00:00'), to: at('01:00'), status: 'up' },
      { from: at('01:00'), to: at('01:10'), status: 'down' },
      { from: at('01:10'), to: at('03:00'), status: 'up' },
    ]);
    expect(durations.up).toBe(HOUR + 110 * MINUTE);
    expect(durations.down).toBe(10 * MINUTE);
  });
});

describe("a service's uptime over a window", () => {
  it('is 100 % with nothing down, over the whole day', () => {
    const figures = uptimeFigures(day());
    expect(figures).toMatchObject({ countedFrom: DAY.from, monitoredMs: 24 * HOUR, uptime: 1, degraded: 0, downtimeMs: 0, longestOutageMs: 0, incidents: 0 });
    expect(figures.mttrMs).toBeNull();
    expect(figures.mttaMs).toBeNull();
  });

  it('counts only the 12 hours after a service was added at noon: 11 h up and 1 h down is 91.67 %', () => {
    const figures = uptimeFigures(
      day({ statusBefore: null, firstSeenAt: at('12:00'), transitions: moves(['12:00', 'up'], ['20:00', 'down'], ['21:00', 'up']) }),
    );
    expect(figures.countedFrom).toBe(at('12:00'));
    expect(figures.monitoredMs).toBe(12 * HOUR);
    expect(figures.uptime).toBeCloseTo(11 / 12, 10);
    expect(Math.round(figures.uptime! * 10_000) / 100).toBe(91.67);
    expect(figures.downtimeMs).toBe(HOUR);
    expect(figures.durations.unknown).toBe(0);
  });

  it('leaves the hours Greenboard was stopped out, reporting them as unknown rather than down', () => {
    // Up all day by the store, but Greenboard did not run 10:00–12:00; an hour down after.
    const figures = uptimeFigures(
      day({
        transitions: moves(['13:00', 'down'], ['14:00', 'up']),
        monitored: [
          { from: DAY.from, to: at('10:00') },
          { from: at('12:00'), to: DAY.to },
        ],
      }),
    );
    expect(figures.durations.unknown).toBe(2 * HOUR);
    expect(figures.monitoredMs).toBe(22 * HOUR);
    expect(figures.uptime).toBeCloseTo(21 / 22, 10);
    expect(figures.downtimeMs).toBe(HOUR);
  });

  it('leaves stale checks out of the denominator, reporting their time as unknown', () => {
    const figures = uptimeFigures(day({ transitions: moves(['14:00', 'unknown'], ['14:30', 'up']) }));
    expect(figures.durations.unknown).toBe(30 * MINUTE);
    expect(figures.monitoredMs).toBe(23.5 * HOUR);
    expect(figures.uptime).toBe(1);
  });

  it('does not count a planned maintenance that took the service down as downtime', () => {
    // The database was stopped for its upgrade 02:00–04:00: the transitions say maintenance.
    const figures = uptimeFigures(day({ transitions: moves(['02:00', 'maintenance'], ['04:00', 'up']) }));
    expect(figures.durations.maintenance).toBe(2 * HOUR);
    expect(figures.downtimeMs).toBe(0);
    expect(figures.monitoredMs).toBe(22 * HOUR);
    expect(figures.uptime).toBe(1);
  });

  it('counts degraded time as up, and reports its share on its own', () => {
    const figures = uptimeFigures(day({ transitions: moves(['06:00', 'degraded'], ['12:00', 'up'], ['18:00', 'down'], ['19:00', 'up']) }));
    expect(figures.uptime).toBeCloseTo(23 / 24, 10);
    expect(figures.degraded).toBe(0.25);
    expect(figures.durations.degraded).toBe(6 * HOUR);
  });

  it('has no uptime at all when nothing was monitored, rather than 0 % or 100 %', () => {
    const stopped = uptimeFigures(day({ monitored: [] }));
    expect(stopped).toMatchObject({ monitoredMs: 0, uptime: null, degraded: null, downtimeMs: 0 });
    expect(stopped.durations.unknown).toBe(24 * HOUR);
    const inMaintenance = uptimeFigures(day({ statusBefore: 'maintenance' }));
    expect(inMaintenance).toMatchObject({ monitoredMs: 0, uptime: null });
  });

  it('counts nothing for a service that did not exist yet', () => {
    const figures = uptimeFigures(day({ statusBefore: null, firstSeenAt: null }));
    expect(figures).toMatchObject({ countedFrom: DAY.to, monitoredMs: 0, uptime: null, downtimeMs: 0, longestOutageMs: 0 });
  });

  it('clips outages that cross the window edges: the longest is the part inside it', () => {
    // Down since 22:00 the day before until 01:30, and again from 23:00 into the next day.
    const figures = uptimeFigures(day({ statusBefore: 'down', transitions: moves(['01:30', 'up'], ['23:00', 'down']) }));
    expect(figures.downtimeMs).toBe(2.5 * HOUR);
    expect(figures.longestOutageMs).toBe(1.5 * HOUR);
  });

  it('gives the same downtime for a 1 s check that recorded every second of an outage as for a 5 min check that recorded it once', () => {
    const everySecond = Array.from({ length: 300 }, (_, i) => ({ at: at('10:00') + i * SECOND, to: 'down' as const }));
    const oneSecondCheck = uptimeFigures(day({ transitions: [...everySecond, { at: at('10:05'), to: 'up' }] }));
    const fiveMinuteCheck = uptimeFigures(day({ transitions: moves(['10:00', 'down'], ['10:05', 'up']) }));
    expect(oneSecondCheck).toEqual(fiveMinuteCheck);
    expect(fiveMinuteCheck.downtimeMs).toBe(5 * MINUTE);
    expect(fiveMinuteCheck.longestOutageMs).toBe(5 * MINUTE);
  });

  it('gives a 1 s check flapping for 10 minutes the same 5 minutes down as one 5-minute outage, its longest outage a second', () => {
    // Down on every even second, up on every odd one, from 10:00:00 to 10:10:00.
    const flapping = Array.from({ length: 600 }, (_, i) => ({ at: at('10:00') + i * SECOND, to: i % 2 === 0 ? ('down' as const) : ('up' as const) }));
    const flappy = uptimeFigures(day({ transitions: flapping }));
    const steady = uptimeFigures(day({ transitions: moves(['10:00', 'down'], ['10:05', 'up']) }));
    expect(flappy.durations).toEqual(steady.durations);
    expect(flappy.uptime).toBe(steady.uptime);
    expect(flappy.downtimeMs).toBe(5 * MINUTE);
    expect(flappy.longestOutageMs).toBe(SECOND);
  });
});

describe('incidents, MTTR and MTTA over a window', () => {
  const incidents = [
    // Opened the evening before, acknowledged then, resolved at 01:30: a 3.5 h repair.
    { openedAt: Date.parse('2026-03-09T22:00Z'), acknowledgedAt: Date.parse('2026-03-09T22:10Z'), resolvedAt: at('01:30') },
    // Opened and closed this morning: acknowledged in 5 minutes, repaired in 30.
    { openedAt: at('10:00'), acknowledgedAt: at('10:05'), resolvedAt: at('10:30') },
    // Opened late, acknowledged in 2 minutes, still open at midnight.
    { openedAt: at('23:00'), acknowledgedAt: at('23:02'), resolvedAt: null },
  ];
  const figures = uptimeFigures(day({ incidents }));

  it('counts the incidents opened in the window, not one carried over from the day before', () => {
    expect(figures.incidents).toBe(2);
  });

  it('takes MTTR over incidents resolved in the window, each at its full length', () => {
    expect(figures.mttrMs).toBe((3.5 * HOUR + 30 * MINUTE) / 2);
  });

  it('takes MTTA over incidents acknowledged in the window, open or not', () => {
    expect(figures.mttaMs).toBe((5 * MINUTE + 2 * MINUTE) / 2);
  });

  it('has no MTTR while nothing has been resolved, and no MTTA while nothing has been acknowledged', () => {
    const open = uptimeFigures(day({ incidents: [{ openedAt: at('09:00'), acknowledgedAt: null, resolvedAt: null }] }));
    expect(open).toMatchObject({ incidents: 1, mttrMs: null, mttaMs: null });
  });

  it('leaves an incident resolved after the window out of this window’s MTTR', () => {
    const later = uptimeFigures(day({ incidents: [{ openedAt: at('23:00'), acknowledgedAt: null, resolvedAt: Date.parse('2026-03-11T01:00Z') }] }));
    expect(later.mttrMs).toBeNull();
  });
});
