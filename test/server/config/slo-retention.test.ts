import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type ConfigProblem } from '../../../server/config/load';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

function problemsOf(yaml: string): ConfigProblem[] {
  try {
    parseConfig(yaml, 'board.yaml', {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

const withSlo = (slo: string) => `services:\n  - id: checkout\n    name: Checkout\n    slo: ${slo}\n`;
const sloOf = (slo: string) => parseConfig(withSlo(slo), 'board.yaml', {}).config.services[0]!.slo;

describe('a service objective (slo)', () => {
  it.each([
    ['99.9%', 0.999],
    ['99.9', 0.999],
    ['"99.5 %"', 0.995],
    ['1%', 0.01],
  ])('%s is a target of %s over the last 30 days', (written, target) => {
    expect(sloOf(written)).toEqual({ target, windowMs: 30 * DAY, window: '30d' });
  });

  it('the long form takes its own window, from a day to a year', () => {
    expect(sloOf('{ target: 99%, window: 7d }')).toEqual({ target: 0.99, windowMs: 7 * DAY, window: '7d' });
    expect(sloOf('{ target: 99%, window: 1y }')).toEqual({ target: 0.99, windowMs: YEAR, window: '1y' });
    expect(sloOf('{ target: 99% }')).toMatchObject({ windowMs: 30 * DAY, window: '30d' });
  });

  it('a service without one has none', () => {
    expect(parseConfig('services:\n  - { id: checkout, name: Checkout }\n', 'board.yaml', {}).config.services[0]!.slo).toBeUndefined();
  });

  it('a fraction is refused with the percentage to write instead', () => {
    expect(problemsOf(withSlo('0.999'))).toEqual([
      { line: 4, field: 'services[0].slo.target', message: '0.999 looks like a fraction; write the target as a percentage: 99.9%' },
    ]);
    expect(problemsOf(withSlo('{ target: 0.95 }'))[0]!.message).toBe('0.95 looks like a fraction; write the target as a percentage: 95%');
    expect(problemsOf(withSlo('1'))[0]!.message).toContain('write the target as a percentage such as 99.9%');
  });

  it.each([
    ['100%', 'must be more than 0% and less than 100% (got 100%)'],
    ['0%', 'must be more than 0% and less than 100% (got 0%)'],
    ['120', 'must be more than 0% and less than 100% (got 120%)'],
    ['high', 'expected a percentage such as 99.9% (got "high")'],
    ['[99]', 'expected a percentage such as 99.9%, or { target: 99.9%, window: 30d }'],
  ])('a target of %s is refused: %s', (written, message) => {
    expect(problemsOf(withSlo(written))).toEqual([{ line: 4, field: expect.stringMatching(/^services\[0\]\.slo/), message }]);
  });

  it('a window outside a day to a year, or not a duration, is refused at the window', () => {
    expect(problemsOf(withSlo('{ target: 99%, window: 12h }'))).toEqual([
      { line: 4, field: 'services[0].slo.window', message: 'must be at least 1d (got 12h)' },
    ]);
    expect(problemsOf(withSlo('{ target: 99%, window: 2y }'))[0]!.message).toBe('must be at most 1y (got 2y)');
    expect(problemsOf(withSlo('{ target: 99%, window: monthly }'))[0]!.message).toContain(
      '"monthly" is not a duration; use a duration such as 1h, 30d, 2w or 1y',
    );
  });

  it('an unknown field in the long form is refused, naming the one meant', () => {
    expect(problemsOf(withSlo('{ target: 99%, windw: 7d }'))).toEqual([
      { line: 4, field: 'services[0].slo.windw', message: 'unknown field "windw"; did you mean "window"?' },
    ]);
  });
});

const retentionOf = (yaml: string) => parseConfig(yaml, 'board.yaml', {}).config.retention;

describe('how long history is kept (retention)', () => {
  it('keeps raw results 14 days, minute rollups 90 days and hour rollups 2 years unless told', () => {
    expect(retentionOf('')).toEqual({ raw: 14 * DAY, minutes: 90 * DAY, hours: 2 * YEAR });
    expect(retentionOf('retention: { raw: 3d }\n')).toEqual({ raw: 3 * DAY, minutes: 90 * DAY, hours: 2 * YEAR });
  });

  it('takes every level as written, up to ten years', () => {
    expect(retentionOf('retention: { raw: 30d, minutes: 1y, hours: 10y }\n')).toEqual({ raw: 30 * DAY, minutes: YEAR, hours: 10 * YEAR });
  });

  it('a level left out is kept at least as long as the finer one, so raw alone beyond 90 days is no error', () => {
    expect(retentionOf('retention: { raw: 180d }\n')).toEqual({ raw: 180 * DAY, minutes: 180 * DAY, hours: 2 * YEAR });
    expect(retentionOf('retention: { raw: 3y }\n')).toEqual({ raw: 3 * YEAR, minutes: 3 * YEAR, hours: 3 * YEAR });
  });

  it('raw results are kept at least a day, and nothing more than ten years', () => {
    expect(problemsOf('retention:\n  raw: 12h\n')).toEqual([{ line: 2, field: 'retention.raw', message: 'must be at least 1d (got 12h)' }]);
    expect(problemsOf('retention:\n  hours: 20y\n')).toEqual([{ line: 2, field: 'retention.hours', message: 'must be at most 10y (got 20y)' }]);
  });

  it('a coarser level kept for less than a finer one is refused at that level', () => {
    expect(problemsOf('retention:\n  raw: 30d\n  minutes: 7d\n  hours: 1y\n')).toEqual([
      { line: 3, field: 'retention.minutes', message: 'must be at least as long as raw (30d); got 7d' },
    ]);
    expect(problemsOf('retention:\n  minutes: 1y\n  hours: 90d\n')).toEqual([
      { line: 3, field: 'retention.hours', message: 'must be at least as long as minutes (1y); got 90d' },
    ]);
  });

  it('an unknown field is refused, naming the one meant; a duration alone is not a retention', () => {
    expect(problemsOf('retention:\n  raws: 30d\n')).toEqual([{ line: 2, field: 'retention.raws', message: 'unknown field "raws"; did you mean "raw"?' }]);
    expect(problemsOf('retention: 30d\n')).toEqual([
      { line: 1, field: 'retention', message: 'expected durations per level, such as { raw: 14d, minutes: 90d, hours: 2y }' },
    ]);
  });
});
