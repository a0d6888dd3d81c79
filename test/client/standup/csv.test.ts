import { describe, expect, it } from 'vitest';
import { csvFileName, incidentsCsv, toCsv, uptimeCsv } from '../../../client/standup/csv';
import { presetPeriod } from '../../../client/standup/period';
import { incidentView, page } from '../fixtures';
import { serviceUptime, slo } from './fixtures';

describe('CSV', () => {
  it('shows text a spreadsheet would run as a formula as text, and leaves numbers alone', () => {
    const csv = toCsv(
      ['by', 'n'],
      [
        ['=HYPERLINK("https://evil.example","details")', -3],
        ['@SUM(A1)', 0.5],
        ['+1', null],
        ['-x', 2],
      ],
    );
    expect(csv.split('\r\n').slice(1, 5)).toEqual([`"'=HYPERLINK(""https://evil.example"",""details"")",-3`, "'@SUM(A1),0.5", "'+1,", "'-x,2"]);
  });

  it('quotes a field only when it holds a comma, a quote or a line break, doubling quotes', () => {
    const csv = toCsv(['a', 'b', 'c', 'd', 'e'], [['plain', 'one, two', 'say "hi"', 'line\nbreak', null]]);
    expect(csv).toBe('a,b,c,d,e\r\nplain,"one, two","say ""hi""","line\nbreak",\r\n');
  });

  it('the services table: uptime as a ratio at full precision, durations in seconds', () => {
    const csv = uptimeCsv([serviceUptime('checkout', 61_500, { name: 'Checkout, EU', slo: slo(-12 * 60_000) })]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe(
      'service_id,service,team,uptime,down_s,degraded_s,unknown_s,maintenance_s,monitored_s,incidents,longest_outage_s,mttr_s,mtta_s,slo_target,slo_budget_left_s,slo_breached',
    );
    expect(row).toBe(`checkout,"Checkout, EU",Payments,${(86_400_000 - 61_500) / 86_400_000},61.5,0,0,0,86400,1,61.5,61.5,,0.999,-720,true`);
  });

  it('the incidents table: UTC times, durations in seconds, the first page and the acknowledgement', () => {
    const incident = incidentView('checkout', {
      status: 'resolved',
      openedAt: '2026-11-30T10:00:00.000Z',
      resolvedAt: '2026-11-30T10:12:30.000Z',
      reason: 'checkout/health: expected 200, got 503',
      acknowledged: { by: 'Bob', personId: 'bob', at: '2026-11-30T10:03:00.000Z', via: 'link' },
      pages: [
        page({
          id: 'late',
          recipient: { kind: 'person', id: 'carol', name: 'Carol' },
          createdAt: '2026-11-30T10:05:00.000Z',
          sentAt: '2026-11-30T10:05:01.000Z',
        }),
        page({ id: 'first', createdAt: '2026-11-30T10:00:05.000Z', sentAt: '2026-11-30T10:00:06.000Z' }),
      ],
    });
    const [, row] = incidentsCsv([incident], Date.parse('2026-12-01T00:00:00Z'), new Set(['inc-checkout']))
      .trimEnd()
      .split('\r\n');
    expect(row).toBe(
      'inc-checkout,checkout,checkout,Payments,resolved,2026-11-30T10:00:00.000Z,2026-11-30T10:12:30.000Z,750,yes,Alice Liddell,2026-11-30T10:00:06.000Z,Bob,2026-11-30T10:03:00.000Z,"checkout/health: expected 200, got 503"',
    );
    // Within working hours, and not known yet.
    expect(incidentsCsv([incident], 0, new Set()).split('\r\n')[1]!.split(',')[8]).toBe('no');
    expect(incidentsCsv([incident], 0).split('\r\n')[1]!.split(',')[8]).toBe('');
  });

  it('an open incident lasts until now', () => {
    const incident = incidentView('checkout', { openedAt: '2026-11-30T10:00:00.000Z', resolvedAt: null });
    const [, row] = incidentsCsv([incident], Date.parse('2026-11-30T10:01:00Z')).trimEnd().split('\r\n');
    expect(row!.split(',')[7]).toBe('60');
  });

  it('the file is named for its table and the period’s local ends', () => {
    const period = presetPeriod('yesterday-0900', Date.parse('2026-12-01T13:13:50Z'), 'Europe/Berlin');
    expect(csvFileName('uptime', period)).toBe('greenboard-uptime-2026-11-30T0900-2026-12-01T141350.csv');
    expect(csvFileName('incidents', period)).toBe('greenboard-incidents-2026-11-30T0900-2026-12-01T141350.csv');
  });
});
