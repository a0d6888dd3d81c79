import { describe, expect, it } from 'vitest';
import { stepLabel, summarizeScenario, type StepReport } from '../../../server/checks/scenario-report';

const plan = ['log in', 'search', 'upload', 'log out'].map((name) => ({ name, method: 'GET', url: `http://shop/${name}` }));
const step = (index: number, outcome: StepReport['outcome'], message = 'HTTP 200'): StepReport => ({
  ...plan[index]!,
  status: 200,
  latencyMs: 10,
  outcome,
  message,
});

describe('summing up a scenario', () => {
  it.each<[string, StepReport[], string, string, string[]]>([
    ['all steps ok', [step(0, 'ok'), step(1, 'ok'), step(2, 'ok'), step(3, 'ok')], 'ok', '4 steps ok', ['ok', 'ok', 'ok', 'ok']],
    [
      'a failure names its step; the rest did not run',
      [step(0, 'ok'), step(1, 'ok'), step(2, 'failed', 'expected status 200, got 500')],
      'failed',
      "step 3 'upload': expected status 200, got 500",
      ['ok', 'ok', 'failed', 'not run'],
    ],
    [
      'a failure at the first step',
      [step(0, 'failed', 'connection refused')],
      'failed',
      "step 1 'log in': connection refused",
      ['failed', 'not run', 'not run', 'not run'],
    ],
    [
      'a slow step degrades',
      [step(0, 'ok'), step(1, 'degraded', 'slow: took 900ms, limit 800ms'), step(2, 'ok'), step(3, 'ok')],
      'degraded',
      "step 2 'search': slow: took 900ms, limit 800ms",
      ['ok', 'degraded', 'ok', 'ok'],
    ],
    [
      'a failure wins over a slow step',
      [step(0, 'degraded', 'slow'), step(1, 'failed', 'boom')],
      'failed',
      "step 2 'search': boom",
      ['degraded', 'failed', 'not run', 'not run'],
    ],
  ])('%s', (_name, ran, outcome, message, outcomes) => {
    const observation = summarizeScenario(ran, plan, 123.4);
    expect(observation).toMatchObject({ outcome, message, latencyMs: 123 });
    expect((observation.details!.steps as StepReport[]).map((s) => s.outcome)).toEqual(outcomes);
  });

  it('a step is labelled by number and name, or by number alone when that is its only name', () => {
    expect(stepLabel(2, 'upload')).toBe("step 3 'upload'");
    expect(stepLabel(2, 'step 3')).toBe('step 3');
    const unnamed = summarizeScenario([{ ...step(0, 'failed', 'connection refused'), name: 'step 1' }], plan.slice(0, 1), 5);
    expect(unnamed.message).toBe('step 1: connection refused');
  });

  it('one step reads "1 step ok"', () => {
    expect(summarizeScenario([step(0, 'ok')], plan.slice(0, 1), 5).message).toBe('1 step ok');
  });
});
