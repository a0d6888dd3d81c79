import { describe, expect, it } from 'vitest';
import { transitionRows } from '../../../client/service/transitions';
import type { HistoryTransition } from '../../../shared/api';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();
const NOW = Date.parse(at(60));
const t = (minute: number, from: HistoryTransition['from'], to: HistoryTransition['to'], checkId: string | null = null): HistoryTransition => ({
  checkId,
  from,
  to,
  at: at(minute),
});

describe('transitionRows', () => {
  it('lists newest first; each lasts until the next change of the same subject, the last until now', () => {
    const rows = transitionRows([t(0, null, 'up'), t(10, 'up', 'down'), t(25, 'down', 'up')], NOW);
    expect(rows.map((r) => [r.from, r.to, r.lastedMs / 60_000, r.ongoing])).toEqual([
      ['down', 'up', 35, true],
      ['up', 'down', 15, false],
      [null, 'up', 10, false],
    ]);
  });

  it('follows the service and each check apart: a check changing does not end the service state', () => {
    const rows = transitionRows([t(10, 'up', 'down'), t(10, 'up', 'down', 'health'), t(20, 'down', 'up', 'health'), t(30, 'up', 'down', 'tls')], NOW);
    const lasted = Object.fromEntries(rows.map((r) => [`${r.checkId ?? 'service'}@${r.at}`, r.lastedMs / 60_000]));
    expect(lasted).toEqual({
      [`service@${Date.parse(at(10))}`]: 50,
      [`health@${Date.parse(at(10))}`]: 10,
      [`health@${Date.parse(at(20))}`]: 40,
      [`tls@${Date.parse(at(30))}`]: 30,
    });
  });

  it('is empty for no changes', () => {
    expect(transitionRows([], NOW)).toEqual([]);
  });
});
