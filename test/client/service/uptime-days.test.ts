import { describe, expect, it } from 'vitest';
import { dayLabel, daysSummary, recentDays, uptimeLevel } from '../../../client/service/uptime-days';
import { uptimeDay, uptimeDays } from './uptime-fixtures';

const MINUTE = 60_000;

describe('uptimeLevel', () => {
  it.each([
    [null, 0, 'none'],
    [1, 0, 'full'],
    // 3.5 s down of a day: good, but not perfect.
    [0.99996, 3_456, 'high'],
    [0.999, 86_400, 'high'],
    [0.99899, 86_800, 'mid'],
    [0.99, 864_000, 'mid'],
    [0.9899, 872_640, 'low'],
    [0, 86_400_000, 'low'],
  ] as const)('a day at %s with %s ms down is %s', (uptime, downMs, level) => {
    expect(uptimeLevel({ uptime, downMs })).toBe(level);
  });
});

describe('dayLabel', () => {
  it('says the day, its uptime, its downtime and its incidents', () => {
    const day = uptimeDay('2026-11-30', { uptime: 0.992, downMs: 691_200, incidents: 1 });
    expect(dayLabel(day)).toBe('2026-11-30: 99.20 % up, 11 min down, 1 incident');
  });

  it('says a clean day was clean', () => {
    expect(dayLabel(uptimeDay('2026-11-29'))).toBe('2026-11-29: 100 % up, no downtime, no incidents');
  });

  it('says "no data" for a day nothing was watched, and names time in maintenance', () => {
    expect(dayLabel(uptimeDay('2026-11-28', { uptime: null, monitoredMs: 0, upMs: 0 }))).toBe('2026-11-28: no data');
    const maintained = uptimeDay('2026-11-27', { uptime: null, monitoredMs: 0, upMs: 0, maintenanceMs: 2 * 60 * MINUTE });
    expect(dayLabel(maintained)).toBe('2026-11-27: no data, 2 h in maintenance');
  });

  it('labels the day the clocks go forward by its date, like any other (it is 23 hours long)', () => {
    const dst = uptimeDay('2026-03-29', {
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
      monitoredMs: 23 * 60 * MINUTE,
      uptime: 0.99,
      downMs: 828_000,
      incidents: 2,
    });
    expect(dayLabel(dst)).toBe('2026-03-29: 99.00 % up, 13 min down, 2 incidents');
  });
});

describe('recentDays', () => {
  it('keeps the newest 90 of the 91 days a 90-day window touches, oldest first', () => {
    const shown = recentDays(uptimeDays(91));
    expect(shown).toHaveLength(90);
    expect(shown[0]!.day).toBe('2026-09-02');
    expect(shown[89]!.day).toBe('2026-11-30');
  });

  it('keeps every day of a shorter history', () => {
    expect(recentDays(uptimeDays(10)).map((d) => d.day)).toEqual(uptimeDays(10).map((d) => d.day));
  });
});

describe('daysSummary', () => {
  it('says when no watched day had downtime, and how many days had no data', () => {
    const days = [uptimeDay('2026-11-28', { uptime: null }), uptimeDay('2026-11-29'), uptimeDay('2026-11-30')];
    expect(daysSummary(days)).toBe('All 2 days watched without downtime. 1 day without data.');
  });

  it('counts the days with downtime and names the one with the most', () => {
    const days = [
      uptimeDay('2026-11-28', { uptime: 0.992, downMs: 691_200 }),
      uptimeDay('2026-11-29', { uptime: 0.97222, downMs: 40 * MINUTE }),
      uptimeDay('2026-11-30'),
    ];
    expect(daysSummary(days)).toBe('2 of 3 days watched had downtime; the most on 2026-11-29: 40 min (97.22 % up).');
  });

  it('says there is no data rather than anything good', () => {
    expect(daysSummary([uptimeDay('2026-11-30', { uptime: null })])).toBe('No data for this day.');
    expect(daysSummary([uptimeDay('2026-11-29', { uptime: null }), uptimeDay('2026-11-30', { uptime: null })])).toBe('No data for these 2 days.');
  });
});
