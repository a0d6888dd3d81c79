import { describe, expect, it } from 'vitest';
import type { HistoryResult, ResultOutcome } from '../../../shared/api';
import { latencySummary } from '../../../client/service/chart-data';
import { latestProblems } from '../../../client/service/failures';
import { OUTCOME_WORD, outcomeStatus, worseOutcome } from '../../../client/service/outcome';
import { check } from '../fixtures';

const result = (outcome: ResultOutcome, at: string): HistoryResult => ({ checkId: 'github', at, outcome, message: outcome, latencyMs: null, details: null });

describe('a maintenance result on the service page', () => {
  it('is drawn as maintenance, in its own word', () => {
    expect(outcomeStatus('maintenance')).toBe('maintenance');
    expect(OUTCOME_WORD.maintenance).toBe('Maintenance');
  });

  it('ranks above ok and below unknown, degraded and failed when runs are merged', () => {
    expect(worseOutcome('ok', 'maintenance')).toBe('maintenance');
    expect(worseOutcome('maintenance', 'unknown')).toBe('unknown');
    expect(worseOutcome('failed', 'maintenance')).toBe('failed');
  });

  it('is not listed among the latest failures, nor counted as a problem run', () => {
    const results = [result('failed', '2026-03-12T08:00:00.000Z'), result('maintenance', '2026-03-12T09:00:00.000Z'), result('ok', '2026-03-12T10:00:00.000Z')];
    const [problem] = latestProblems([check({ id: 'github' })], results);
    expect(problem?.result.outcome).toBe('failed');
    expect(latencySummary(results).problems).toBe(1);
  });
});
