import { describe, expect, it } from 'vitest';
import { readQueryResult, sampleNumber, seriesName, showSampleValue } from '../../../server/prometheus/query-result';
import { matrix, scalar, vector } from './fake-prometheus';

describe('the result of an instant query', () => {
  it('a vector gives one sample per series, with its labels', () => {
    expect(
      readQueryResult(
        vector([
          [{ __name__: 'up', job: 'api' }, '1'],
          [{ job: 'db' }, '0'],
        ]).data,
      ),
    ).toEqual({
      ok: true,
      resultType: 'vector',
      samples: [
        { labels: { __name__: 'up', job: 'api' }, value: 1 },
        { labels: { job: 'db' }, value: 0 },
      ],
    });
  });

  it('a scalar gives one sample without labels', () => {
    expect(readQueryResult(scalar('0.5').data)).toEqual({ ok: true, resultType: 'scalar', samples: [{ labels: {}, value: 0.5 }] });
  });

  it("a matrix (a range selector) gives each series' newest sample", () => {
    expect(readQueryResult(matrix([[{ job: 'api' }, ['1', '0', '3']]]).data)).toEqual({
      ok: true,
      resultType: 'matrix',
      samples: [{ labels: { job: 'api' }, value: 3 }],
    });
  });

  it('a string result has nothing to compare', () => {
    expect(readQueryResult({ resultType: 'string', result: [1, 'hello'] })).toEqual({
      ok: false,
      problem: 'the query gives text ("hello"), not numbers to compare',
    });
  });

  it('a shape Prometheus would not send names the field', () => {
    const read = readQueryResult({ resultType: 'vector', result: [{ metric: {}, value: [1, 2] }] });
    expect(read).toMatchObject({ ok: false });
    expect(!read.ok && read.problem).toContain('result[0].value[1]');
  });

  it.each([
    ['1', 1],
    ['0.05', 0.05],
    ['1e+00', 1],
    ['-2.5e-3', -0.0025],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['NaN', NaN],
  ])('the value %j reads as %d', (text, value) => {
    expect(sampleNumber(text)).toBe(value);
  });

  it.each([
    [0.123456789, '0.123457'],
    [12, '12'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%d is shown as %s', (value, text) => {
    expect(showSampleValue(value)).toBe(text);
  });

  it.each([
    [{ __name__: 'up', job: 'api', instance: 'a:1' }, 'up{instance="a:1", job="api"}'],
    [{ __name__: 'up' }, 'up'],
    [{ job: 'api' }, '{job="api"}'],
    [{}, '{}'],
    [{ path: '"quoted"' }, '{path="\\"quoted\\""}'],
  ])('a series %j is written %s', (labels, text) => {
    expect(seriesName(labels)).toBe(text);
  });

  it('a series with very long labels is cut', () => {
    expect(seriesName({ job: 'x'.repeat(500) }).length).toBeLessThanOrEqual(160);
  });
});
