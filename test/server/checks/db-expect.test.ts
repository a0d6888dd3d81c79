import { describe, expect, it } from 'vitest';
import {
  judgeQuery,
  judgeReply,
  parseComparison,
  replyExpectSchema,
  showValue,
  sqlExpectSchema,
  valueEquals,
  valueExpectation,
  valueMismatch,
  type ValueExpectation,
} from '../../../server/checks/db-expect';

const equals = (expected: string | number | boolean | null, negate = false): ValueExpectation => ({ kind: 'equals', expected, negate });

describe('comparisons in expectations', () => {
  it.each([
    ['> 0', { op: '>', operand: 0 }],
    ['>=1', { op: '>=', operand: 1 }],
    ['  < 100 ', { op: '<', operand: 100 }],
    ['<= 2.5', { op: '<=', operand: 2.5 }],
    ['== 3', { op: '=', operand: 3 }],
    ['!= 0', { op: '!=', operand: 0 }],
    ['> -1', { op: '>', operand: -1 }],
  ])('"%s" reads as a comparison', (text, comparison) => {
    expect(parseComparison(text)).toEqual(comparison);
  });

  it.each(['ok', '>', '> zero', '3', 'more than 3', '=> 1', '= 3', '!= DOWN'])('"%s" is not a comparison', (text) => {
    expect(parseComparison(text)).toBeNull();
  });
});

describe('configured values', () => {
  it.each([
    ['ok', { kind: 'equals', expected: 'ok', negate: false }],
    [3, { kind: 'equals', expected: 3, negate: false }],
    [true, { kind: 'equals', expected: true, negate: false }],
    [null, { kind: 'equals', expected: null, negate: false }],
    ['> 0', { kind: 'compare', comparison: { op: '>', operand: 0 } }],
    ['<= 2.5', { kind: 'compare', comparison: { op: '<=', operand: 2.5 } }],
    ['== 3', { kind: 'equals', expected: '3', negate: false }],
    ['!= DOWN', { kind: 'equals', expected: 'DOWN', negate: true }],
    ['= 3', { kind: 'equals', expected: '= 3', negate: false }],
  ])('%j reads as %j', (raw, expectation) => {
    expect(valueExpectation.parse(raw)).toEqual(expectation);
  });

  it('a text that starts with < or > but compares with no number is refused', () => {
    expect(valueExpectation.safeParse('> O').error?.issues[0]?.message).toBe('"> O": < and > compare with a number, as in "< 200"');
  });
});

describe('a driver value against the configured value', () => {
  it.each([
    ['ok', 'ok', true],
    ['ok', 'degraded', false],
    [1, 1, true],
    [1, '1', true], // pg bigint, as text
    [12.5, '12.50', true], // DECIMAL, as text
    ['1', 1, true],
    ['007', '7', true],
    ['12345678901234567', '12345678901234568', false], // no rounding into equality past 2^53
    [true, true, true],
    [true, 't', true], // PostgreSQL's text for true
    [true, 1, true], // MySQL's TINYINT(1)
    [false, 'f', true],
    [false, 0, true],
    [true, 'f', false],
    [true, 'maybe', false],
    [null, null, true],
    [null, 'null', false],
    ['ok', null, false],
    [0, null, false],
  ])('configured %j against %j: equal is %s', (expected, actual, same) => {
    expect(valueEquals(expected, actual)).toBe(same);
  });
});

describe('why a value misses', () => {
  it.each([
    [equals('ok'), 'ok', null],
    [equals('ok'), 'degraded', "expected value 'ok', got 'degraded'"],
    [equals(5), '3', 'expected value 5, got 3'],
    [{ kind: 'compare', comparison: { op: '>', operand: 0 } }, '0', 'expected value > 0, got 0'],
    [{ kind: 'compare', comparison: { op: '>', operand: 0 } }, 2, null],
    [{ kind: 'compare', comparison: { op: '<', operand: 10 } }, 'lots', "expected value < 10, got 'lots' (not a number)"],
    [{ kind: 'compare', comparison: { op: '!=', operand: 0 } }, null, 'expected value != 0, got null (not a number)'],
    [equals('DOWN', true), 'UP', null],
    [equals('DOWN', true), 'DOWN', "expected value != 'DOWN', got 'DOWN'"],
    [equals('0', true), '0', 'expected value != 0, got 0'],
  ] as Array<[ValueExpectation, unknown, string | null]>)('%j against %j', (expectation, actual, message) => {
    expect(valueMismatch(expectation, actual, 'value')).toBe(message);
  });
});

describe('values in messages', () => {
  it.each([
    ['ok', "'ok'"],
    ['42', '42'],
    [42, '42'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'null'],
    ['two\nlines', "'two lines'"],
    [['a', 1], '["a",1]'],
    ['x'.repeat(100), `'${'x'.repeat(80)}…'`],
  ])('%j reads as %s', (value, shown) => {
    expect(showValue(value)).toBe(shown);
  });
});

describe('judging a query result', () => {
  const judge = (expect: unknown, rows: number, firstValue: unknown) =>
    judgeQuery(sqlExpectSchema.optional().parse(expect), { rows, firstValue, elapsedMs: 3 });

  it.each([
    [undefined, 1, 1, 'ok', 'query returned 1 row'],
    [undefined, 0, undefined, 'ok', 'query returned 0 rows'],
    [{ rows: 1 }, 1, 1, 'ok', 'query returned 1 row'],
    [{ rows: 1 }, 0, undefined, 'failed', 'expected 1 row, got 0'],
    [{ rows: 3 }, 1, 1, 'failed', 'expected 3 rows, got 1'],
    [{ rows: '> 0' }, 0, undefined, 'failed', 'expected > 0 rows, got 0'],
    [{ rows: '>= 1' }, 3, 1, 'ok', 'query returned 3 rows'],
    [{ rows: '< 100' }, 120, 1, 'failed', 'expected < 100 rows, got 120'],
    [{ value: 'ok' }, 1, 'ok', 'ok', 'query returned 1 row'],
    [{ value: 'ok' }, 1, 'degraded', 'failed', "expected value 'ok', got 'degraded'"],
    [{ value: 'ok' }, 0, undefined, 'failed', "expected value 'ok', but the query returned no rows"],
    [{ value: '> 0' }, 1, '0', 'failed', 'expected value > 0, got 0'],
    [{ rows: 1, value: true }, 1, 't', 'ok', 'query returned 1 row'],
    [{ rows: '!= 0', value: '!= degraded' }, 2, 'ok', 'ok', 'query returned 2 rows'],
    [{ rows: '== 2' }, 1, 'ok', 'failed', 'expected 2 rows, got 1'],
  ])('expect %j with %d rows, first value %j: %s, "%s"', (expectation, rows, firstValue, outcome, message) => {
    expect(judge(expectation, rows, firstValue)).toMatchObject({ outcome, message, latencyMs: 3 });
  });

  it('keeps the row count and first value as details', () => {
    expect(judge(undefined, 2, 'ok').details).toEqual({ rows: 2, value: 'ok' });
    expect(judge(undefined, 0, undefined).details).toEqual({ rows: 0 });
  });
});

describe('judging a command reply', () => {
  const judge = (expect: unknown, reply: unknown) => judgeReply(replyExpectSchema.optional().parse(expect), 'PING', reply, 2);

  it.each([
    [undefined, 'PONG', 'ok', "PING replied 'PONG'"],
    [{ value: 'PONG' }, 'PONG', 'ok', "PING replied 'PONG'"],
    [{ value: 'PONG' }, 'LOADING', 'failed', "expected reply 'PONG', got 'LOADING'"],
    [{ value: '> 0' }, 0, 'failed', 'expected reply > 0, got 0'],
    [{ value: '< 1000' }, 12, 'ok', 'PING replied 12'],
    [{ value: 1 }, 1, 'ok', 'PING replied 1'],
    [{ value: 'ok' }, null, 'failed', "expected reply 'ok', got null"],
  ])('expect %j, reply %j: %s, "%s"', (expectation, reply, outcome, message) => {
    expect(judge(expectation, reply)).toMatchObject({ outcome, message, latencyMs: 2 });
  });
});

describe('expectation config', () => {
  it.each([{ rows: -1 }, { rows: 1.5 }, { rows: 'lots' }, { value: { nested: 1 } }, { rowz: 1 }])('%j is refused', (input) => {
    expect(sqlExpectSchema.safeParse(input).success).toBe(false);
  });

  it('says what a row expectation may be', () => {
    const result = sqlExpectSchema.safeParse({ rows: 'lots' });
    expect(result.error?.issues[0]?.message).toMatch(/"lots" is not a row count or a comparison such as "> 0"/);
  });
});
