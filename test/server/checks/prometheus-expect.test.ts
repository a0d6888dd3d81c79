import { describe, expect, it } from 'vitest';
import { judgeSamples, prometheusExpectSchema } from '../../../server/checks/prometheus-expect';
import type { Sample } from '../../../server/prometheus/query-result';

const expectOf = (fields: Record<string, unknown>) => prometheusExpectSchema.parse(fields);
const series = (job: string, value: number): Sample => ({ labels: { job }, value });
const judge = (fields: Record<string, unknown> | undefined, samples: Sample[]) =>
  judgeSamples(fields === undefined ? undefined : expectOf(fields), { resultType: 'vector', samples, elapsedMs: 12, warnings: [] });

describe('the expectations of a prometheus check, as written in the config', () => {
  it.each([
    ['value', '<< 3', '"<< 3" is not a comparison such as "< 0.05"'],
    ['value', '< O.5', 'is not a comparison'],
    ['value', 'low', 'is not a comparison'],
    ['series', '>= x', 'is not a number of series'],
    ['series', -1, '"-1" is not a number of series'],
    ['series', 2.5, 'is not a number of series'],
    ['series', '> 0.5', 'is not a number of series'],
    ['match', 'all', 'expected "every" or "any"'],
    ['empty', 'up', 'expected "failed" or "ok"'],
  ])('%s: %j is refused, saying what is expected', (field, value, message) => {
    const result = prometheusExpectSchema.safeParse({ [field]: value });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual([field]);
    expect(result.error!.issues[0]!.message).toContain(message);
  });

  it.each([
    ['< 0.05', { op: '<', operand: 0.05 }],
    ['<= 1', { op: '<=', operand: 1 }],
    ['>0', { op: '>', operand: 0 }],
    ['>= 0.99', { op: '>=', operand: 0.99 }],
    ['== 1', { op: '=', operand: 1 }],
    ['!= 0', { op: '!=', operand: 0 }],
    ['< 1e-3', { op: '<', operand: 0.001 }],
    [3, { op: '=', operand: 3 }],
  ])('value %j is understood', (text, comparison) => {
    expect(expectOf({ value: text }).value).toEqual(comparison);
  });

  it('match defaults to every; an unknown field is refused', () => {
    expect(expectOf({}).match).toBe('every');
    expect(prometheusExpectSchema.safeParse({ vaule: '< 1' }).success).toBe(false);
  });
});

describe('judging the series an instant query returned', () => {
  it.each([
    ['one series within the bound', { value: '< 0.05' }, [series('api', 0.01)], 'ok', 'value 0.01 on {job="api"}'],
    ['one series beyond it, named with its labels', { value: '< 0.05' }, [series('api', 0.12)], 'failed', 'value 0.12 on {job="api"}, expected < 0.05'],
    ['a scalar (no labels)', { value: '== 1' }, [{ labels: {}, value: 0 }], 'failed', 'value 0, expected == 1'],
    [
      'a metric name leads its labels',
      { value: '== 1' },
      [{ labels: { __name__: 'up', job: 'db' }, value: 0 }],
      'failed',
      'value 0 on up{job="db"}, expected == 1',
    ],
    ['every series within the bound', { value: '< 0.05' }, [series('a', 0.01), series('b', 0.02)], 'ok', '2 series, all < 0.05'],
    [
      'every: one of several beyond it',
      { value: '< 0.05' },
      [series('a', 0.01), series('b', 0.2), series('c', 0.09)],
      'failed',
      '2 of 3 series fail < 0.05: 0.2 on {job="b"}; 0.09 on {job="c"}',
    ],
    ['any: one series suffices', { value: '>= 1', match: 'any' }, [series('a', 0), series('b', 1)], 'ok', '1 of 2 series >= 1'],
    [
      'any: none meets it',
      { value: '>= 1', match: 'any' },
      [series('a', 0), series('b', 0)],
      'failed',
      'none of 2 series meets >= 1: 0 on {job="a"}; 0 on {job="b"}',
    ],
    ['no value expectation: any value is ok', undefined, [series('a', 7), series('b', 9)], 'ok', 'query returned 2 series'],
    ['NaN (such as 0/0) meets no comparison', { value: '< 0.05' }, [series('api', NaN)], 'failed', 'value NaN on {job="api"}, expected < 0.05'],
    ['NaN does not even meet !=', { value: '!= 0' }, [series('api', NaN)], 'failed', 'value NaN on {job="api"}, expected != 0'],
    ['+Inf compares as the largest number', { value: '> 100' }, [series('api', Infinity)], 'ok', 'value +Inf on {job="api"}'],
    ['-Inf too', { value: '> 0' }, [series('api', -Infinity)], 'failed', 'value -Inf on {job="api"}, expected > 0'],
    ['too few series', { series: '>= 3' }, [series('a', 1), series('b', 1)], 'failed', 'expected >= 3 series, got 2'],
    ['enough series', { series: '>= 2', value: '== 1' }, [series('a', 1), series('b', 1)], 'ok', '2 series, all == 1'],
  ])('%s', (_name, fields, samples, outcome, message) => {
    expect(judge(fields, samples)).toMatchObject({ outcome, message, latencyMs: 12 });
  });

  it.each([
    ['failed by default', undefined, 'failed'],
    ['failed when empty: failed', { empty: 'failed' }, 'failed'],
    ['ok when empty: ok', { empty: 'ok', value: '< 1' }, 'ok'],
    ['ok when series allows none', { series: '== 0' }, 'ok'],
    ['failed when series asks for some', { series: '>= 1' }, 'failed'],
    ['as empty says, whatever series allows', { series: '== 0', empty: 'failed' }, 'failed'],
  ])('an empty result is %s', (_name, fields, outcome) => {
    expect(judge(fields, [])).toMatchObject({ outcome, message: 'the query returned no series' });
  });

  it('names at most three failing series, the furthest from the bound first, and counts the rest', () => {
    const samples = [0.06, 0.5, 0.07, 0.3, 0.01, 0.9].map((v, i) => series(`s${i}`, v));
    expect(judge({ value: '< 0.05' }, samples).message).toBe('5 of 6 series fail < 0.05: 0.9 on {job="s5"}; 0.5 on {job="s1"}; 0.3 on {job="s3"}; and 2 more');
  });

  it('lists the series on the service page, failing ones first, at most 20', () => {
    const samples = Array.from({ length: 30 }, (_, i) => series(`s${i}`, i === 25 ? 9 : 0));
    const { details } = judge({ value: '< 1' }, samples);
    expect(details).toMatchObject({ resultType: 'vector', seriesCount: 30 });
    const listed = details!.series as Array<{ series: string; value: string; meets: boolean }>;
    expect(listed).toHaveLength(20);
    expect(listed[0]).toEqual({ series: '{job="s25"}', value: '9', meets: false });
    expect(listed.slice(1).every((s) => s.meets)).toBe(true);
  });

  it("keeps Prometheus's warnings with the result", () => {
    const observation = judgeSamples(undefined, { resultType: 'vector', samples: [series('a', 1)], elapsedMs: 3, warnings: ['results truncated'] });
    expect(observation.details).toMatchObject({ warnings: ['results truncated'] });
  });
});
