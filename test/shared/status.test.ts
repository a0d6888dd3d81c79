import { describe, expect, it } from 'vitest';
import { isProblem, worstStatus, type Status } from '../../shared/status';

describe('worstStatus', () => {
  it.each<[Status[], Status]>([
    [['up', 'up'], 'up'],
    [['up', 'degraded'], 'degraded'],
    [['degraded', 'down', 'up'], 'down'],
    [['up', 'unknown'], 'unknown'],
    [['unknown', 'degraded'], 'degraded'],
    [['maintenance', 'up'], 'maintenance'],
    [['maintenance', 'unknown'], 'unknown'],
    [[], 'unknown'],
  ])('the worst of %j is %s', (statuses, worst) => {
    expect(worstStatus(statuses)).toBe(worst);
  });

  it('never calls a service up when one of its checks is unknown', () => {
    expect(worstStatus(['up', 'up', 'unknown'])).not.toBe('up');
  });
});

describe('isProblem', () => {
  it.each<[Status, boolean]>([
    ['down', true],
    ['degraded', true],
    ['unknown', true],
    ['up', false],
    ['maintenance', false],
  ])('%s is a problem: %s', (status, problem) => {
    expect(isProblem(status)).toBe(problem);
  });
});
