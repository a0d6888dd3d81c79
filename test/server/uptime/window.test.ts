import { describe, expect, it } from 'vitest';
import { parseUptimeWindow } from '../../../server/uptime/window';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(`${iso}Z`);
const NOW = utc('2026-03-10T09:30');
const options = { now: NOW, defaultTimeZone: 'Europe/Berlin', oldest: utc('2025-01-01T00:00') };
const parse = (query: Record<string, unknown>) => parseUptimeWindow(query, options);

describe('an uptime window named by length', () => {
  it.each([
    ['24h', 24 * HOUR, 'last 24 hours'],
    ['7d', 7 * DAY, 'last 7 days'],
    ['30d', 30 * DAY, 'last 30 days'],
    ['90d', 90 * DAY, 'last 90 days'],
    ['1y', 365 * DAY, 'last 365 days'],
  ])('window=%s ends now and reaches back its length', (window, length, label) => {
    expect(parse({ window })).toEqual({ ok: true, window: { from: NOW - length, to: NOW }, timeZone: 'Europe/Berlin', label, dataFrom: null });
  });

  it('is the last 30 days when the query names no window, or names it empty', () => {
    expect(parse({})).toMatchObject({ ok: true, window: { from: NOW - 30 * DAY, to: NOW }, label: 'last 30 days' });
    expect(parse({ window: '' })).toMatchObject({ ok: true, window: { from: NOW - 30 * DAY, to: NOW } });
    expect(parse({ from: '', to: '' })).toMatchObject({ ok: true, window: { from: NOW - 30 * DAY, to: NOW } });
  });

  it('reaching back before the history begins is answered, saying when the data starts', () => {
    const young = parseUptimeWindow({ window: '30d' }, { ...options, oldest: utc('2026-03-01T00:00') });
    expect(young).toMatchObject({ ok: true, window: { from: NOW - 30 * DAY, to: NOW }, dataFrom: utc('2026-03-01T00:00') });
  });
});

describe('an uptime window given by from and to', () => {
  it('is the time between them, labelled in local time', () => {
    expect(parse({ from: '2026-03-01T00:00Z', to: '2026-03-08T00:00Z' })).toEqual({
      ok: true,
      window: { from: utc('2026-03-01T00:00'), to: utc('2026-03-08T00:00') },
      timeZone: 'Europe/Berlin',
      label: '2026-03-01 01:00 – 2026-03-08 01:00',
      dataFrom: null,
    });
  });

  it('reads the same forms as the other time parameters: offsets, no offset as UTC, epoch milliseconds', () => {
    expect(parse({ from: '2026-03-01T00:00+01:00', to: '2026-03-02' })).toMatchObject({
      window: { from: utc('2026-02-28T23:00'), to: utc('2026-03-02T00:00') },
    });
    expect(parse({ from: String(utc('2026-03-01T00:00')), to: String(NOW) })).toMatchObject({ window: { from: utc('2026-03-01T00:00'), to: NOW } });
  });

  it('shows seconds in the label only when the times have some', () => {
    expect(parse({ from: '2026-03-09T08:00:30Z', to: '2026-03-09T09:00Z', tz: 'UTC' })).toMatchObject({ label: '2026-03-09 08:00:30 – 2026-03-09 09:00:00' });
  });

  it('takes a time zone for its days and label, spelt as the zone database does', () => {
    expect(parse({ window: '7d', tz: 'asia/kathmandu' })).toMatchObject({ ok: true, timeZone: 'Asia/Kathmandu' });
    expect(parse({ from: '2026-03-01T00:00Z', to: '2026-03-02T00:00Z', tz: 'Asia/Kathmandu' })).toMatchObject({ label: '2026-03-01 05:45 – 2026-03-02 05:45' });
  });

  it('allows to a minute ahead of the server clock, and two calendar years even across 29 February', () => {
    expect(parse({ from: '2026-03-01T00:00Z', to: new Date(NOW + 60_000).toISOString() })).toMatchObject({ ok: true });
    expect(parse({ from: '2024-01-01T00:00Z', to: '2026-01-01T00:00Z' })).toMatchObject({ ok: true, dataFrom: utc('2025-01-01T00:00') });
  });
});

describe('a query the uptime window refuses, naming the parameter and what it accepts', () => {
  it.each([
    ['an unknown window', { window: '2d' }, 'window', 'window must be one of 24h, 7d, 30d, 90d, 1y, or give from and to instead'],
    ['a window in capitals', { window: '7D' }, 'window', 'window must be one of 24h, 7d, 30d, 90d, 1y, or give from and to instead'],
    ['a window and from–to together', { window: '7d', from: '2026-03-01', to: '2026-03-02' }, 'window', 'give either window or from and to, not both'],
    ['from without to', { from: '2026-03-01' }, 'to', 'to is needed with from: give both, or window=24h|7d|30d|90d|1y instead'],
    ['to without from', { to: '2026-03-02' }, 'from', 'from is needed with to: give both, or window=24h|7d|30d|90d|1y instead'],
    [
      'a from that is not a time',
      { from: 'yesterday', to: '2026-03-02' },
      'from',
      'from must be an ISO 8601 time (2026-11-20T18:00:00Z; no offset means UTC) or epoch milliseconds',
    ],
    [
      'a to on a day that does not exist',
      { from: '2026-02-01', to: '2026-02-30' },
      'to',
      'to must be an ISO 8601 time (2026-11-20T18:00:00Z; no offset means UTC) or epoch milliseconds',
    ],
    ['from after to', { from: '2026-03-02', to: '2026-03-01' }, 'from', 'from must be before to'],
    ['from equal to to', { from: '2026-03-02', to: '2026-03-02' }, 'from', 'from must be before to'],
    [
      'to more than a minute in the future',
      { from: '2026-03-01', to: new Date(NOW + 60_001).toISOString() },
      'to',
      'to must not be more than a minute in the future',
    ],
    [
      'from and to more than two years apart',
      { from: '2024-01-01T00:00Z', to: '2026-01-01T00:00:00.001Z' },
      'from',
      'from and to must be at most 2 years apart, the longest that history is kept',
    ],
    ['an unknown time zone', { window: '7d', tz: 'Europe/Lndon' }, 'tz', 'tz must be an IANA time zone name, such as Europe/Berlin or UTC'],
    ['an offset for a time zone', { window: '7d', tz: '+01:00' }, 'tz', 'tz must be an IANA time zone name, such as Europe/Berlin or UTC'],
    ['a window given twice', { window: ['7d', '30d'] }, 'window', 'window was given more than once; give it once'],
    ['a from given twice', { from: ['2026-03-01', '2026-03-02'], to: '2026-03-03' }, 'from', 'from was given more than once; give it once'],
    ['a tz given twice', { window: '7d', tz: ['UTC', 'UTC'] }, 'tz', 'tz was given more than once; give it once'],
    ['a nested value', { window: { length: '7d' } }, 'window', 'window must be a single value'],
  ])('%s', (_case, query, parameter, message) => {
    expect(parse(query)).toEqual({ ok: false, parameter, message });
  });
});
