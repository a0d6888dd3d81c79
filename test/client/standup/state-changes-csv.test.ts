import { describe, expect, it } from 'vitest';
import { transitionsCsv } from '../../../client/standup/csv';
import { hoursWords } from '../../../client/standup/oncall-rows';

describe('the state changes as CSV', () => {
  it('gives UTC times and the seconds each status lasted, empty when it still held at the period’s end', () => {
    const csv = transitionsCsv([
      {
        serviceId: 'checkout',
        serviceName: 'Checkout, EU',
        team: null,
        from: 'up',
        to: 'down',
        at: '2026-11-30T22:00:00.000Z',
        until: '2026-11-30T22:12:30.000Z',
      },
      {
        serviceId: 'checkout',
        serviceName: 'Checkout, EU',
        team: { id: 'p', name: 'Payments' },
        from: null,
        to: 'up',
        at: '2026-11-30T22:12:30.000Z',
        until: null,
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'service_id,service,team,from,to,at,until,lasted_s',
      'checkout,"Checkout, EU",,up,down,2026-11-30T22:00:00.000Z,2026-11-30T22:12:30.000Z,750',
      'checkout,"Checkout, EU",Payments,,up,2026-11-30T22:12:30.000Z,,',
      '',
    ]);
  });
});

describe('working hours in words', () => {
  it.each([
    [['mon', 'tue', 'wed', 'thu', 'fri'], 'Mon–Fri 09:00–17:00 UTC'],
    [['fri', 'mon', 'wed'], 'Mon, Wed, Fri 09:00–17:00 UTC'],
    [['sat', 'sun'], 'Sat, Sun 09:00–17:00 UTC'],
    [[], 'no working days (UTC)'],
  ])('%j reads %s', (days, words) => {
    expect(hoursWords({ days, from: '09:00', to: '17:00', timeZone: 'UTC' })).toBe(words);
  });
});
