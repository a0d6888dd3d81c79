import { describe, expect, it } from 'vitest';
import { formatBurnRate, formatSpan, formatTarget, formatUptime, incidentsText, sloWords, windowWords } from '../../../client/service/uptime-words';
import { slo } from './uptime-fixtures';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('formatUptime', () => {
  it.each([
    [1, 0, '100 %'],
    [0.9995, 1_296_000, '99.95 %'],
    // Cut, never rounded up: these would read one step better than they were.
    [0.99949, 1_000, '99.94 %'],
    [0.99996, 24_192, '99.996 %'],
    [0.9999999, 1, '99.999 %'],
    // So close to 100 % that six decimals round it there: still not 100 %, as something was down.
    [0.99999999999, 1, '99.999 %'],
    [0.992, 691_200, '99.20 %'],
    [0.5, 43_200_000, '50.00 %'],
    [0, 86_400_000, '0.00 %'],
  ])('%s with %s ms down reads %s', (uptime, downMs, text) => {
    expect(formatUptime(uptime, downMs)).toBe(text);
  });

  it('says "no data" when nothing was watched, never 100 %', () => {
    expect(formatUptime(null, 0)).toBe('no data');
  });
});

describe('formatSpan', () => {
  it.each([
    [0, '0 min'],
    [400, '< 1 s'],
    [45 * SECOND, '45 s'],
    [12 * MINUTE + 59 * SECOND, '12 min'],
    [65 * MINUTE, '1 h 5 min'],
    [2 * HOUR, '2 h'],
    [52 * HOUR + 30 * MINUTE, '2 d 4 h'],
    [72 * HOUR, '3 d'],
  ])('%s ms reads %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe('words for counts, targets and windows', () => {
  it.each([
    [0, 'no incidents'],
    [1, '1 incident'],
    [3, '3 incidents'],
  ])('%s incidents read %s', (count, text) => expect(incidentsText(count)).toBe(text));

  it.each([
    [0.999, '99.9 %'],
    [0.9995, '99.95 %'],
    [0.99, '99 %'],
  ])('the objective %s reads %s', (target, text) => expect(formatTarget(target)).toBe(text));

  it.each([
    ['30d', '30 days'],
    ['1d', '1 day'],
    ['24h', '24 hours'],
    ['1w', '1 week'],
    ['quarter', 'quarter'],
  ])('the window %s reads %s', (window, text) => expect(windowWords(window)).toBe(text));

  it.each([
    [0.5, '0.5×'],
    [2.46, '2.5×'],
    [9.96, '10×'],
    [12.4, '12×'],
  ])('a burn rate of %s reads %s', (rate, text) => expect(formatBurnRate(rate)).toBe(text));
});

describe('sloWords', () => {
  it('says the objective, the budget left of the whole and how fast it burns', () => {
    expect(sloWords(slo())).toEqual({ objective: '99.9 % over 30 days', budget: '21 min of 43 min left', burn: 'burn rate 0.5×' });
  });

  it('says by how much a spent budget was overspent', () => {
    const spent = slo({ uptime: 0.99872, budgetLeftMs: -12 * MINUTE, burnRate: 1.28, breached: true });
    expect(sloWords(spent)).toEqual({ objective: '99.9 % over 30 days', budget: 'budget spent: 12 min over', burn: 'burn rate 1.3×' });
  });

  it('claims no budget when nothing was watched', () => {
    expect(sloWords(slo({ uptime: null, budgetMs: 0, budgetLeftMs: 0, burnRate: null }))).toEqual({
      objective: '99.9 % over 30 days',
      budget: 'no data yet',
      burn: null,
    });
  });
});
