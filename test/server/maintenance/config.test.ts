import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config/load';
import { maintenanceSchema } from '../../../server/maintenance/config';
import { maintenanceProblems } from '../../../server/maintenance/references';
import { configFromYaml } from '../../helpers/config';

const HOUR = 3_600_000;

/** The problems the schema reports for one window, as `path: message`. */
const problems = (window: unknown) => {
  const result = maintenanceSchema.safeParse(window);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

/** The problems a whole config reports, as `field: message`, schema and references alike. */
function configProblems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'board.yaml', {});
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.field}: ${p.message}`);
  }
}

const base = { id: 'nightly-backup', services: ['orders-db'] };

describe('a one-off maintenance window in the config', () => {
  it('is read with its local times as instants in its zone, and the defaults filled in', () => {
    const window = maintenanceSchema.parse({ ...base, timezone: 'Europe/London', from: '2026-07-05T22:00', to: '2026-07-06T02:00' });
    expect(window).toEqual({
      id: 'nightly-backup',
      services: ['orders-db'],
      reason: 'planned maintenance',
      timezone: 'Europe/London',
      schedule: { kind: 'once', from: Date.parse('2026-07-05T21:00Z'), until: Date.parse('2026-07-06T01:00Z') },
    });
  });

  it('reads its times in UTC without a zone, and takes a duration instead of `to`', () => {
    const window = maintenanceSchema.parse({ ...base, from: '2026-12-05T22:00', duration: '30m', reason: '  Nightly backup ' });
    expect(window.timezone).toBe('UTC');
    expect(window.reason).toBe('Nightly backup');
    expect(window.schedule).toEqual({ kind: 'once', from: Date.parse('2026-12-05T22:00Z'), until: Date.parse('2026-12-05T22:30Z') });
  });

  it.each([
    ['`to` and `duration` both', { from: '2026-12-05T22:00', to: '2026-12-06T02:00', duration: '1h' }, ['duration: give `to` or `duration`, not both']],
    ['neither `to` nor `duration`', { from: '2026-12-05T22:00' }, ['to: a one-off window needs `to` (a local time) or `duration`']],
    [
      '`to` before `from`',
      { from: '2026-12-05T22:00', to: '2026-12-05T21:00' },
      ['to: is before `from` (2026-12-05T22:00); a window must end after it starts'],
    ],
    ['a window of 0', { from: '2026-12-05T22:00', to: '2026-12-05T22:00' }, ['to: is the same time as `from` (2026-12-05T22:00): a window of 0']],
    ['a duration of 0', { from: '2026-12-05T22:00', duration: '0m' }, ['duration: must be at least 1m (got 0m)']],
    ['a window over 7 days', { from: '2026-12-05T22:00', to: '2026-12-13T22:00' }, ['to: the window would last 8d; at most 7d']],
    ['a duration over 7 days', { from: '2026-12-05T22:00', duration: '8d' }, ['duration: must be at most 7d (got 8d)']],
    [
      'a day that does not exist',
      { from: '2026-02-30T22:00', duration: '1h' },
      ['from: "2026-02-30T22:00" is not a local date-time; use one such as 2026-12-05T22:00 (no offset: it is read in `timezone`)'],
    ],
    [
      'a time with an offset',
      { from: '2026-12-05T22:00+01:00', duration: '1h' },
      ['from: "2026-12-05T22:00+01:00" is not a local date-time; use one such as 2026-12-05T22:00 (no offset: it is read in `timezone`)'],
    ],
    [
      'a zone that does not exist',
      { timezone: 'Europe/Lndon', from: '2026-12-05T22:00', duration: '1h' },
      ['timezone: "Europe/Lndon" is not a time zone; did you mean "Europe/London"?'],
    ],
    ['a reason over 200 characters', { from: '2026-12-05T22:00', duration: '1h', reason: 'x'.repeat(201) }, ['reason: must be at most 200 characters']],
    ['an empty reason', { from: '2026-12-05T22:00', duration: '1h', reason: '  ' }, ['reason: must not be empty']],
    ['no services', { services: [], from: '2026-12-05T22:00', duration: '1h' }, ['services: must name at least one service']],
    [
      'a service twice',
      { services: ['orders-db', 'orders-db'], from: '2026-12-05T22:00', duration: '1h' },
      ['services.1: service "orders-db" is listed twice'],
    ],
    [
      'an id that is not one',
      { id: 'Nightly Backup', from: '2026-12-05T22:00', duration: '1h' },
      ['id: ids use only a-z, 0-9 and "-", and start with a letter or digit'],
    ],
  ])('is refused for %s, naming the field', (_what, change, expected) => {
    expect(problems({ ...base, ...change })).toEqual(expected);
  });
});

describe('a recurring maintenance window in the config', () => {
  it('by cron keeps its expression and duration, to be read on the wall clock of its zone', () => {
    const window = maintenanceSchema.parse({ ...base, timezone: 'Europe/London', cron: ' 0 2 * * * ', duration: '30m' });
    expect(window.schedule).toEqual({ kind: 'cron', cron: '0 2 * * *', durationMs: 30 * 60_000 });
  });

  it('by cron takes the shorthands with a fixed time, and names of months and days', () => {
    expect(problems({ ...base, cron: '@weekly', duration: '1h' })).toEqual([]);
    expect(problems({ ...base, cron: '0 3 * JAN-MAR SUN', duration: '1h' })).toEqual([]);
    expect(problems({ ...base, cron: '0 3 L * *', duration: '1h' })).toEqual([]);
  });

  it('by rrule keeps the rule as written and its first possible start', () => {
    const window = maintenanceSchema.parse({
      ...base,
      timezone: 'Europe/London',
      from: '2026-12-05T22:00',
      rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=3;BYMINUTE=0',
      duration: '1h',
    });
    expect(window.schedule).toMatchObject({ kind: 'rrule', rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=3;BYMINUTE=0', durationMs: HOUR, lastStart: null });
  });

  it('by rrule takes `RRULE:` before it and any letter case', () => {
    expect(problems({ ...base, from: '2026-12-05T22:00', rrule: 'RRULE:freq=daily;byhour=3', duration: '1h' })).toEqual([]);
  });

  it.each([
    [
      'a minute that does not exist',
      { cron: '61 * * * *', duration: '30m' },
      ['cron: "61 * * * *" is not a cron expression: minute: got value 61 expected range 0-59'],
    ],
    [
      'an hour that does not exist',
      { cron: '0 25 * * *', duration: '30m' },
      ['cron: "0 25 * * *" is not a cron expression: hour: got value 25 expected range 0-23'],
    ],
    [
      'four fields',
      { cron: '0 2 * *', duration: '30m' },
      ['cron: "0 2 * *" is not a cron expression: has 4 fields; use five: minute hour day-of-month month day-of-week (such as "0 2 * * *")'],
    ],
    [
      'six fields (seconds)',
      { cron: '0 0 2 * * *', duration: '30m' },
      ['cron: "0 0 2 * * *" is not a cron expression: has 6 fields; use five: minute hour day-of-month month day-of-week (such as "0 2 * * *")'],
    ],
    ['a day no month has', { cron: '0 2 31 2 *', duration: '30m' }, ['cron: "0 2 31 2 *" is not a cron expression: invalid explicit day of month definition']],
    [
      'a random minute',
      { cron: 'H 2 * * *', duration: '30m' },
      ['cron: "H 2 * * *" is not a cron expression: minute: H picks a time at random; give the time the window begins'],
    ],
    [
      'a shorthand that is not a time',
      { cron: '@reboot', duration: '30m' },
      [expect.stringMatching(/^cron: "@reboot" is not a cron expression: unknown shorthand/)],
    ],
    ['no duration', { cron: '0 2 * * *' }, ['duration: required with `cron`: how long each window lasts (1m to 7d)']],
    ['a duration of 0', { cron: '0 2 * * *', duration: '0s' }, ['duration: must be at least 1m (got 0s)']],
    [
      'a `from`',
      { cron: '0 2 * * *', duration: '1h', from: '2026-12-05T22:00' },
      [expect.stringMatching(/^from: a cron window starts whenever its cron expression says/)],
    ],
    ['a `to`', { cron: '0 2 * * *', duration: '1h', to: '2026-12-05T22:00' }, ['to: a recurring window lasts `duration`; `to` is for a one-off window']],
    [
      'both cron and rrule',
      { cron: '0 2 * * *', rrule: 'FREQ=DAILY', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: has both `cron` and `rrule`; give exactly one'],
    ],
    [
      'no kind at all',
      { duration: '1h' },
      [': needs a time: `from` (with `to` or `duration`) for a one-off window, or `cron` or `rrule` (with `duration`) for a recurring one'],
    ],
    [
      'an rrule without `from`',
      { rrule: 'FREQ=DAILY', duration: '1h' },
      ['from: required with `rrule`: the first time the rule may start (its DTSTART), a local time'],
    ],
    [
      'an rrule with an unknown part',
      { rrule: 'FREQ=WEEKLY;BYDAYS=SU', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "FREQ=WEEKLY;BYDAYS=SU" is not a recurrence rule: unknown part "BYDAYS"; did you mean "BYDAY"?'],
    ],
    [
      'an rrule with no FREQ',
      { rrule: 'BYDAY=SU', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "BYDAY=SU" is not a recurrence rule: FREQ is missing; one of HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY'],
    ],
    [
      'an rrule every minute',
      { rrule: 'FREQ=MINUTELY', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "FREQ=MINUTELY" is not a recurrence rule: FREQ=MINUTELY repeats too often for maintenance; use HOURLY or less often (or a cron expression)'],
    ],
    [
      'an rrule with a day that is not one',
      { rrule: 'FREQ=WEEKLY;BYDAY=XX', from: '2026-12-05T22:00', duration: '1h' },
      [
        'rrule: "FREQ=WEEKLY;BYDAY=XX" is not a recurrence rule: BYDAY: "XX" is not a day (SU, MO, TU, WE, TH, FR, SA, or 1SU, -1FR in a MONTHLY or YEARLY rule)',
      ],
    ],
    [
      'an rrule with an hour out of range',
      { rrule: 'FREQ=DAILY;BYHOUR=25', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "FREQ=DAILY;BYHOUR=25" is not a recurrence rule: BYHOUR: "25" is not a whole number from 0 to 23'],
    ],
    [
      'an rrule with an interval of 0',
      { rrule: 'FREQ=DAILY;INTERVAL=0', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "FREQ=DAILY;INTERVAL=0" is not a recurrence rule: INTERVAL: "0" is not a whole number of at least 1'],
    ],
    [
      'an rrule with COUNT and UNTIL',
      { rrule: 'FREQ=DAILY;COUNT=3;UNTIL=20261231', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "FREQ=DAILY;COUNT=3;UNTIL=20261231" is not a recurrence rule: give COUNT or UNTIL, not both'],
    ],
    [
      'an rrule with a bad UNTIL',
      { rrule: 'FREQ=DAILY;UNTIL=20260230', from: '2026-12-05T22:00', duration: '1h' },
      [
        'rrule: "FREQ=DAILY;UNTIL=20260230" is not a recurrence rule: UNTIL: "20260230" is not a date (20261231), a local time (20261231T235959) or a UTC time (20261231T235959Z)',
      ],
    ],
    [
      'an rrule with a part given twice',
      { rrule: 'FREQ=DAILY;BYHOUR=3;BYHOUR=4', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "FREQ=DAILY;BYHOUR=3;BYHOUR=4" is not a recurrence rule: BYHOUR is given twice'],
    ],
    [
      'an rrule on a day that never comes',
      { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" gives no start in the 10 years from 2026-12-05T22:00'],
    ],
    [
      'an rrule whose UNTIL comes before its first start',
      { rrule: 'FREQ=WEEKLY;BYDAY=SU;UNTIL=20261205', from: '2026-12-05T22:00', duration: '1h' },
      ['rrule: "FREQ=WEEKLY;BYDAY=SU;UNTIL=20261205" gives no start between 2026-12-05T22:00 and its UNTIL'],
    ],
    [
      'an rrule without a duration',
      { rrule: 'FREQ=DAILY', from: '2026-12-05T22:00' },
      ['duration: required with `rrule`: how long each window lasts (1m to 7d)'],
    ],
  ])('is refused for %s, naming the field', (_what, change, expected) => {
    expect(problems({ ...base, ...change })).toEqual(expected);
  });

  it('by rrule reads UNTIL as a local date (its whole day), a local time or a UTC time', () => {
    const lastStart = (until: string) => {
      const window = maintenanceSchema.parse({
        ...base,
        timezone: 'Europe/London',
        from: '2026-07-01T03:00',
        rrule: `FREQ=DAILY;UNTIL=${until}`,
        duration: '1h',
      });
      return window.schedule.kind === 'rrule' ? window.schedule.lastStart : null;
    };
    expect(lastStart('20260710')).toBe(Date.parse('2026-07-10T23:00Z') - 1);
    expect(lastStart('20260710T030000')).toBe(Date.parse('2026-07-10T02:00Z'));
    expect(lastStart('20260710T030000Z')).toBe(Date.parse('2026-07-10T03:00Z'));
  });
});

describe('maintenance windows across the config', () => {
  const config = (windows: string) => `
services:
  - { id: orders-db, name: Orders DB }
  - { id: checkout, name: Checkout }
maintenance:
${windows}`;

  it('are read into the config, none by default', () => {
    expect(configFromYaml('services:\n  - { id: api, name: API }\n').maintenance).toEqual([]);
    const read = configFromYaml(
      config(`  - id: nightly-backup
    services: [orders-db]
    reason: Nightly backup
    timezone: Europe/London
    cron: "0 2 * * *"
    duration: 30m
  - id: migration
    services: [orders-db, checkout]
    from: 2026-12-05T22:00
    to: 2026-12-06T02:00
`),
    ).maintenance;
    expect(read.map((w) => [w.id, w.schedule.kind, w.services])).toEqual([
      ['nightly-backup', 'cron', ['orders-db']],
      ['migration', 'once', ['orders-db', 'checkout']],
    ]);
  });

  it('name only services the config has, with the closest id, and each id once; reported with every other problem', () => {
    expect(
      configProblems(
        config(`  - { id: backup, services: [ordrs-db, checkout], cron: "0 2 * * *", duration: 30m }
  - { id: backup, services: [billing], cron: "61 * * * *", duration: 30m }
  - { id: other, services: [checkout], from: 2026-12-05T22:00, duraton: 1h }
`),
      ),
    ).toEqual([
      'maintenance[0].services[0]: no service with id "ordrs-db"; did you mean "orders-db"?',
      'maintenance[1].cron: "61 * * * *" is not a cron expression: minute: got value 61 expected range 0-59',
      'maintenance[1].id: duplicate maintenance window id "backup"',
      'maintenance[1].services[0]: no service with id "billing"',
      'maintenance[2].duraton: unknown field "duraton"; did you mean "duration"?',
      'maintenance[2].to: a one-off window needs `to` (a local time) or `duration`',
    ]);
  });

  it('keep a reason written from the environment off every board', () => {
    const yaml = config(`  - { id: backup, services: [orders-db], reason: "backup to \${BUCKET}", cron: "0 2 * * *", duration: 30m }\n`);
    const loaded = parseConfig(yaml, 'board.yaml', { BUCKET: 's3://secret-bucket-name' });
    expect(loaded.config.maintenance[0]!.reason).not.toContain('secret-bucket-name');
  });
});

describe('the cross-config checks of maintenance windows', () => {
  it.each([
    ['a list that is not one', { services: [{ id: 'a' }], maintenance: 'nightly' }],
    ['windows that are not objects', { services: [{ id: 'a' }], maintenance: ['nightly', null, 3] }],
    ['services that are not a list', { services: 'a', maintenance: [{ id: 'w', services: ['b'] }] }],
    ['window services that are not a list', { services: [{ id: 'a' }], maintenance: [{ id: 'w', services: 'a' }] }],
  ])('leave %s to the schema, without failing', (_what, raw) => {
    expect(maintenanceProblems(raw)).toEqual([]);
  });

  it('check services against a config without any', () => {
    expect(maintenanceProblems({ maintenance: [{ id: 'w', services: ['orders-db'] }] })).toEqual([
      { path: ['maintenance', 0, 'services', 0], message: 'no service with id "orders-db"' },
    ]);
  });
});
