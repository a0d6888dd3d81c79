import { describe, expect, it } from 'vitest';
import { formatDowntime, formatSpan, formatUptime, sloWords } from '../../../client/standup/figures-words';
import { worstFirst } from '../../../client/standup/worst-first';
import { serviceUptime, slo } from './fixtures';

const MINUTE = 60_000;

describe('uptime in words', () => {
  it.each([
    ['never down', 1, 0, '100 %'],
    ['half a second down in a day', 1 - 500 / 86_400_000, 500, '99.99 %'],
    ['down so briefly the ratio rounds to 1', 1, 3, '99.99 %'],
    ['exactly 99.95 %, not cut to 99.94 by float error', 0.9995, 43_200, '99.95 %'],
    ['cut, never rounded up', 0.99987, 11_232, '99.98 %'],
    ['a bad day', 0.5, 43_200_000, '50.00 %'],
    ['nothing watched', null, 0, 'no data'],
  ])('%s: %s', (_, uptime, downMs, words) => {
    expect(formatUptime(uptime, downMs)).toBe(words);
  });
});

describe('durations in words', () => {
  it('downtime of none says so', () => {
    expect(formatDowntime(0)).toBe('none');
  });

  it.each([
    [0, '0 min'],
    [400, '< 1 s'],
    [45_000, '45 s'],
    [12 * MINUTE + 59_000, '12 min'],
    [60 * MINUTE, '1 h'],
    [185 * MINUTE, '3 h 5 min'],
    [(2 * 24 + 4) * 60 * MINUTE + 5 * MINUTE, '2 d 4 h'],
  ])('%i ms is %s', (ms, words) => {
    expect(formatSpan(ms)).toBe(words);
  });
});

describe('the error budget in words', () => {
  it('what is left, and what share of the budget that is', () => {
    expect(sloWords(slo(30 * MINUTE))).toEqual({ text: '30 min left (69 %) of 99.9 % over 30d', breached: false });
  });

  it('a spent budget says "Breached" and by how much', () => {
    expect(sloWords(slo(-12 * MINUTE))).toEqual({ text: 'Breached: 12 min over budget (99.9 % over 30d)', breached: true });
  });

  it('no objective, no words', () => {
    expect(sloWords(null)).toBeNull();
  });
});

describe('worst first', () => {
  it('lowest uptime first, then most downtime, services with no data last, ties by name', () => {
    const services = [
      serviceUptime('web 10', 0),
      serviceUptime('no-data', 0, { uptime: null, monitoredMs: 0 }),
      serviceUptime('search', 60_000),
      serviceUptime('web 2', 0),
      serviceUptime('checkout', 600_000),
      serviceUptime('also-no-data', 0, { uptime: null, monitoredMs: 0 }),
      // Same ratio as search, but over a longer watch: more time down comes first.
      serviceUptime('ledger', 120_000, { uptime: (86_400_000 - 60_000) / 86_400_000 }),
    ];
    expect(worstFirst(services).map((s) => s.serviceId)).toEqual(['checkout', 'ledger', 'search', 'web 2', 'web 10', 'also-no-data', 'no-data']);
  });
});
