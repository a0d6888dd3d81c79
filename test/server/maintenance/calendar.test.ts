import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaintenanceCalendar, occurrences } from '../../../server/maintenance/calendar';
import { maintenanceSchema, type MaintenanceWindowConfig } from '../../../server/maintenance/config';
import type { StoredMaintenance } from '../../../server/maintenance/model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

const configWindow = (fields: Record<string, unknown>): MaintenanceWindowConfig => maintenanceSchema.parse({ services: ['orders-db'], ...fields });

const apiWindow = (fields: Partial<StoredMaintenance> & Pick<StoredMaintenance, 'id' | 'from' | 'until'>): StoredMaintenance => ({
  services: ['orders-db'],
  reason: 'planned maintenance',
  createdBy: null,
  createdAt: 0,
  ...fields,
});

describe('which window a service is in', () => {
  const nightly = configWindow({ id: 'nightly-backup', reason: 'Nightly backup', timezone: 'Europe/London', cron: '0 2 * * *', duration: '1h' });
  const calendar = new MaintenanceCalendar([nightly], []);

  it('is the window from its first instant to just before its end: [from, until)', () => {
    // 02:00 BST is 01:00 UTC in July.
    expect(calendar.activeFor('orders-db', at('2026-07-01T00:59:59.999Z'))).toBeNull();
    expect(calendar.activeFor('orders-db', at('2026-07-01T01:00Z'))).toEqual({
      id: 'nightly-backup',
      until: '2026-07-01T02:00:00.000Z',
      reason: 'Nightly backup',
    });
    expect(calendar.activeFor('orders-db', at('2026-07-01T01:59:59.999Z'))).toEqual({
      id: 'nightly-backup',
      until: '2026-07-01T02:00:00.000Z',
      reason: 'Nightly backup',
    });
    expect(calendar.activeFor('orders-db', at('2026-07-01T02:00Z'))).toBeNull();
  });

  it('is none for a service the window does not name', () => {
    expect(calendar.activeFor('checkout', at('2026-07-01T01:30Z'))).toBeNull();
  });

  it('follows the window on the wall clock across the spring-forward and fall-back nights', () => {
    const overnight = new MaintenanceCalendar([configWindow({ id: 'w', timezone: 'Europe/London', cron: '30 1 * * *', duration: '30m' })], []);
    // 29 March 2026: 01:30 does not exist; the window runs 02:30–03:00 BST (01:30–02:00 UTC).
    expect(overnight.activeFor('orders-db', at('2026-03-29T00:45Z'))).toBeNull();
    expect(overnight.activeFor('orders-db', at('2026-03-29T01:45Z'))?.until).toBe('2026-03-29T02:00:00.000Z');
    // 25 October 2026: 01:30 happens twice; the window runs at the first (00:30–01:00 UTC), not again.
    expect(overnight.activeFor('orders-db', at('2026-10-25T00:45Z'))?.until).toBe('2026-10-25T01:00:00.000Z');
    expect(overnight.activeFor('orders-db', at('2026-10-25T01:45Z'))).toBeNull();
  });

  it('is the one ending last where several overlap', () => {
    const both = new MaintenanceCalendar(
      [configWindow({ id: 'nightly', cron: '0 2 * * *', duration: '1h' })],
      [apiWindow({ id: 'm-upgrade1', from: at('2026-07-01T02:30Z'), until: at('2026-07-01T04:00Z'), reason: 'Upgrade' })],
    );
    expect(both.activeFor('orders-db', at('2026-07-01T02:15Z'))?.id).toBe('nightly');
    expect(both.activeFor('orders-db', at('2026-07-01T02:45Z'))).toEqual({ id: 'm-upgrade1', until: '2026-07-01T04:00:00.000Z', reason: 'Upgrade' });
    expect(both.activeFor('orders-db', at('2026-07-01T03:30Z'))?.id).toBe('m-upgrade1');
  });

  it('stays the long window while a short one inside it begins and ends', () => {
    const nested = new MaintenanceCalendar(
      [],
      [
        apiWindow({ id: 'm-long0000', from: at('2026-07-01T00:00Z'), until: at('2026-07-01T06:00Z') }),
        apiWindow({ id: 'm-short000', from: at('2026-07-01T02:00Z'), until: at('2026-07-01T03:00Z') }),
      ],
    );
    for (const time of ['01:00', '02:00', '02:30', '03:00', '05:59']) expect(nested.activeFor('orders-db', at(`2026-07-01T${time}Z`))?.id).toBe('m-long0000');
    expect(nested.activeFor('orders-db', at('2026-07-01T06:00Z'))).toBeNull();
  });

  it('is found far from the time first asked about, before and after it', () => {
    expect(calendar.activeFor('orders-db', at('2027-01-10T02:30Z'))?.until).toBe('2027-01-10T03:00:00.000Z');
    expect(calendar.activeFor('orders-db', at('2026-01-10T02:30Z'))?.until).toBe('2026-01-10T03:00:00.000Z');
    expect(calendar.activeFor('orders-db', at('2026-07-01T01:30Z'))?.until).toBe('2026-07-01T02:00:00.000Z');
  });

  it('gives the same answer object for the same occurrence, asked again and again', () => {
    const first = calendar.activeFor('orders-db', at('2026-07-02T01:10Z'));
    expect(calendar.activeFor('orders-db', at('2026-07-02T01:50Z'))).toBe(first);
  });
});

describe('when the windows next change', () => {
  it('is the next start, then the next end, strictly after the time asked about', () => {
    const calendar = new MaintenanceCalendar([configWindow({ id: 'once', from: '2026-12-05T22:00', to: '2026-12-06T02:00' })], []);
    expect(calendar.nextChangeAfter(at('2026-12-01T00:00Z'))).toBe(at('2026-12-05T22:00Z'));
    expect(calendar.nextChangeAfter(at('2026-12-05T22:00Z'))).toBe(at('2026-12-06T02:00Z'));
    expect(calendar.nextChangeAfter(at('2026-12-06T02:00Z'))).toBe(Infinity);
  });

  it('is Infinity with no windows at all', () => {
    expect(new MaintenanceCalendar([], []).nextChangeAfter(at('2026-12-01T00:00Z'))).toBe(Infinity);
  });

  it('finds a recurring window starting long after the time asked about', () => {
    const yearly = new MaintenanceCalendar([configWindow({ id: 'new-year', cron: '0 3 1 1 *', duration: '1h' })], []);
    expect(yearly.nextChangeAfter(at('2026-03-01T00:00Z'))).toBe(at('2027-01-01T03:00Z'));
    expect(yearly.nextChangeAfter(at('2027-01-01T03:00Z'))).toBe(at('2027-01-01T04:00Z'));
  });

  it('takes the sooner of an API window and a config window', () => {
    const calendar = new MaintenanceCalendar(
      [configWindow({ id: 'new-year', cron: '0 3 1 1 *', duration: '1h' })],
      [apiWindow({ id: 'm-later000', from: at('2026-08-01T00:00Z'), until: at('2026-08-02T00:00Z') })],
    );
    expect(calendar.nextChangeAfter(at('2026-03-01T00:00Z'))).toBe(at('2026-08-01T00:00Z'));
    expect(calendar.nextChangeAfter(at('2026-08-01T12:00Z'))).toBe(at('2026-08-02T00:00Z'));
    expect(calendar.nextChangeAfter(at('2026-08-02T00:00Z'))).toBe(at('2027-01-01T03:00Z'));
  });
});

describe('the windows listed', () => {
  const config = [
    configWindow({ id: 'nightly-backup', reason: 'Nightly backup', timezone: 'Europe/London', cron: '0 2 * * *', duration: '30m' }),
    configWindow({ id: 'weekly', from: '2026-01-04T03:00', rrule: 'FREQ=WEEKLY;BYDAY=SU', duration: '1h' }),
    configWindow({ id: 'migration', services: ['orders-db', 'checkout'], from: '2026-07-20T22:00', to: '2026-07-21T02:00' }),
    configWindow({ id: 'past', from: '2026-06-01T22:00', to: '2026-06-02T02:00' }),
    configWindow({ id: 'far-away', cron: '0 3 1 12 *', duration: '1h' }),
  ];
  const stored = [
    apiWindow({ id: 'm-now00000', from: at('2026-07-01T09:00Z'), until: at('2026-07-01T11:00Z'), reason: 'Upgrade', createdBy: 'alice' }),
    apiWindow({ id: 'm-ended000', from: at('2026-06-30T09:00Z'), until: at('2026-07-01T09:30Z') }),
  ];
  const calendar = new MaintenanceCalendar(config, stored);

  it('are the current or next occurrence of each recurring window within 30 days, and each one-off not ended, by start', () => {
    expect(calendar.views(at('2026-07-01T10:00Z'))).toEqual([
      {
        id: 'm-now00000',
        services: ['orders-db'],
        from: '2026-07-01T09:00:00.000Z',
        until: '2026-07-01T11:00:00.000Z',
        reason: 'Upgrade',
        origin: 'api',
        recurrence: null,
      },
      {
        id: 'nightly-backup',
        services: ['orders-db'],
        from: '2026-07-02T01:00:00.000Z',
        until: '2026-07-02T01:30:00.000Z',
        reason: 'Nightly backup',
        origin: 'config',
        recurrence: '0 2 * * *',
      },
      {
        id: 'weekly',
        services: ['orders-db'],
        from: '2026-07-05T03:00:00.000Z',
        until: '2026-07-05T04:00:00.000Z',
        reason: 'planned maintenance',
        origin: 'config',
        recurrence: 'FREQ=WEEKLY;BYDAY=SU',
      },
      {
        id: 'migration',
        services: ['orders-db', 'checkout'],
        from: '2026-07-20T22:00:00.000Z',
        until: '2026-07-21T02:00:00.000Z',
        reason: 'planned maintenance',
        origin: 'config',
        recurrence: null,
      },
    ]);
  });

  it('show a recurring window by its current occurrence while it is in force', () => {
    const during = calendar.views(at('2026-07-05T03:30Z')).find((view) => view.id === 'weekly');
    expect(during).toMatchObject({ from: '2026-07-05T03:00:00.000Z', until: '2026-07-05T04:00:00.000Z' });
  });

  it('show a recurring window once its next occurrence is within 30 days', () => {
    expect(calendar.views(at('2026-11-02T00:00Z')).map((view) => view.id)).toContain('far-away');
    expect(calendar.views(at('2026-10-30T00:00Z')).map((view) => view.id)).not.toContain('far-away');
  });
});

describe('where a window comes from', () => {
  it('is the config, the API, or nowhere', () => {
    const calendar = new MaintenanceCalendar(
      [configWindow({ id: 'nightly', cron: '0 2 * * *', duration: '1h' })],
      [apiWindow({ id: 'm-abcdefgh', from: 0, until: 1 })],
    );
    expect(calendar.originOf('nightly')).toBe('config');
    expect(calendar.originOf('m-abcdefgh')).toBe('api');
    expect(calendar.originOf('m-zzzzzzzz')).toBeNull();
  });
});

describe('the calendar against every occurrence worked out one by one', () => {
  const START = at('2026-03-26T00:00Z');
  const SPAN = 8 * DAY; // around the spring change in Europe and after the one in America

  const windowArb = fc.oneof(
    fc.record({
      cron: fc.constantFrom('0 2 * * *', '30 1 * * *', '*/20 * * * *', '0 */6 * * *', '15 3 * * 0', '0 0 29 3 *'),
      duration: fc.constantFrom('1m', '30m', '2h', '1d', '7d'),
      timezone: fc.constantFrom('Europe/London', 'America/New_York', 'UTC', 'Australia/Lord_Howe'),
    }),
    fc.record({
      from: fc.constantFrom('2026-03-01T01:30', '2026-03-27T23:00', '2026-03-29T00:45'),
      rrule: fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=SU,WE;BYHOUR=1', 'FREQ=HOURLY;INTERVAL=5'),
      duration: fc.constantFrom('10m', '3h'),
      timezone: fc.constantFrom('Europe/London', 'UTC'),
    }),
    fc.record({
      from: fc.constantFrom('2026-03-28T23:30', '2026-03-29T01:15', '2026-04-01T00:00'),
      duration: fc.constantFrom('1m', '45m', '1d'),
      timezone: fc.constantFrom('Europe/London', 'UTC'),
    }),
  );
  const servicesArb = fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 });
  const configArb = fc
    .array(fc.record({ fields: windowArb, services: servicesArb }), { maxLength: 4 })
    .map((list) => list.map(({ fields, services }, i) => maintenanceSchema.parse({ id: `w${i}`, services, ...fields })));
  const storedArb = fc
    .array(fc.record({ from: fc.integer({ min: 0, max: SPAN }), length: fc.integer({ min: 1, max: 2 * DAY }), services: servicesArb }), { maxLength: 3 })
    .map((list) => list.map(({ from, length, services }, i) => apiWindow({ id: `m-${i}`, services, from: START + from, until: START + from + length })));
  const timesArb = fc.array(
    fc.integer({ min: 0, max: SPAN }).map((offset) => START + offset),
    { minLength: 1, maxLength: 12 },
  );

  /** Every occurrence overlapping [from, to), config and API alike, in the order the calendar breaks ties. */
  function allOccurrences(config: MaintenanceWindowConfig[], stored: StoredMaintenance[], from: number, to: number) {
    return [
      ...config.flatMap((w) => occurrences(w, from, to).map((o) => ({ ...o, id: w.id, services: w.services }))),
      ...stored.filter((w) => w.from < to && w.until > from),
    ];
  }

  it('says which window each service is in, and when anything next changes, at any time asked in any order', () => {
    fc.assert(
      fc.property(configArb, storedArb, timesArb, fc.constantFrom(HOUR, 6 * HOUR, 2 * DAY), (config, stored, times, horizonMs) => {
        const calendar = new MaintenanceCalendar(config, stored, { horizonMs });
        for (const now of times) {
          const covering = allOccurrences(config, stored, now, now + 1);
          for (const service of ['a', 'b', 'c']) {
            const mine = covering.filter((o) => o.services.includes(service));
            const longest = Math.max(...mine.map((o) => o.until));
            const active = calendar.activeFor(service, now);
            if (mine.length === 0) expect(active).toBeNull();
            else {
              expect(active?.until).toBe(new Date(longest).toISOString());
              expect(mine.filter((o) => o.until === longest).map((o) => o.id)).toContain(active?.id);
            }
          }
          // Every start and end in (now, now + 3 days) is known from what overlaps that time; later ones may not be.
          const ahead = allOccurrences(config, stored, now, now + 3 * DAY);
          const changes = ahead.flatMap((o) => [o.from, o.until]).filter((t) => t > now && t < now + 3 * DAY);
          const next = calendar.nextChangeAfter(now);
          if (changes.length > 0) expect(next).toBe(Math.min(...changes));
          else expect(next).toBeGreaterThanOrEqual(now + 3 * DAY);
        }
      }),
      { numRuns: 100 },
    );
  });
});
