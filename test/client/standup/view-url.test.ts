import { describe, expect, it } from 'vitest';
import { presetPeriod } from '../../../client/standup/period';
import { viewFromQuery, viewToQuery, type StandupView } from '../../../client/standup/view-url';
import { formatLocal, parseLocal } from '../../../client/standup/zoned-time';

const at = (iso: string) => Date.parse(iso);
const defaults = { now: at('2026-12-01T14:13:50.123Z'), timeZone: 'Europe/Berlin' };

describe('the address of a view', () => {
  it('holds the period’s absolute local ends, its zone, its name and the team', () => {
    const view: StandupView = { period: presetPeriod('yesterday-0900', defaults.now, 'Europe/Berlin'), team: 'payments' };
    expect(viewToQuery(view)).toBe('?period=yesterday-0900&from=2026-11-30T09:00&to=2026-12-01T15:13:50&tz=Europe/Berlin&team=payments');
  });

  it('opened later, shows the same period, not one ending at the new now', () => {
    const view: StandupView = { period: presetPeriod('7d', at('2026-12-01T14:13:00Z'), 'America/New_York'), team: null };
    const later = { now: at('2026-12-09T10:00:00Z'), timeZone: 'Europe/Berlin' };
    expect(viewFromQuery(viewToQuery(view), later)).toEqual(view);
  });

  it('a team name that needs escaping survives the round trip', () => {
    const view: StandupView = { period: presetPeriod('30d', at('2026-12-01T14:13:00Z'), 'UTC'), team: 'R&D / ops' };
    expect(viewFromQuery(viewToQuery(view), defaults)).toEqual(view);
  });

  it('a period named without ends is resolved at now, in the viewer’s zone', () => {
    expect(viewFromQuery('?period=7d&team=payments', defaults)).toEqual({ period: presetPeriod('7d', defaults.now, 'Europe/Berlin'), team: 'payments' });
  });

  it('ends given by hand are read in the address’s zone, and named custom', () => {
    expect(viewFromQuery('?from=2026-11-30T09:00&to=2026-12-01T09:00&tz=America/New_York', defaults).period).toEqual({
      name: 'custom',
      from: at('2026-11-30T14:00:00Z'),
      to: at('2026-12-01T14:00:00Z'),
      timeZone: 'America/New_York',
    });
  });

  it.each([
    ['an empty address', ''],
    ['an unknown period', '?period=fortnight'],
    ['a from without a to', '?from=2026-11-30T09:00'],
    ['ends backwards', '?from=2026-12-01T09:00&to=2026-11-30T09:00'],
    ['an end that is not a time', '?from=yesterday&to=2026-12-01T09:00'],
  ])('%s falls back to since yesterday 09:00', (_, search) => {
    expect(viewFromQuery(search, defaults)).toEqual({ period: presetPeriod('yesterday-0900', defaults.now, 'Europe/Berlin'), team: null });
  });

  it('a zone that does not exist falls back to the viewer’s', () => {
    expect(viewFromQuery('?period=7d&tz=Mars/Olympus', defaults).period.timeZone).toBe('Europe/Berlin');
  });
});

describe('local times in the address', () => {
  it.each([
    ['a whole minute', '2026-11-30T08:00:00Z', '2026-11-30T09:00'],
    ['seconds, milliseconds dropped', '2026-11-30T08:00:05.900Z', '2026-11-30T09:00:05'],
    ['the first 02:30 of the night the clocks go back', '2026-10-25T00:30:00Z', '2026-10-25T02:30'],
    ['the second one, with its offset', '2026-10-25T01:30:00Z', '2026-10-25T02:30+01:00'],
  ])('%s', (_, iso, local) => {
    expect(formatLocal(at(iso), 'Europe/Berlin')).toBe(local);
    expect(parseLocal(local, 'Europe/Berlin')).toBe(Math.floor(at(iso) / 1000) * 1000);
  });

  it('an offset that does not fit the zone is refused', () => {
    expect(parseLocal('2026-11-30T09:00+05:00', 'Europe/Berlin')).toBeNull();
  });
});
