import { describe, expect, it } from 'vitest';
import { judgeJsonPath, jsonPathProblem, parseJsonExpectation, selectJson } from '../../../server/checks/json-path';

const doc = { status: 'UP', items: [{ id: 1 }, { id: 2 }], name: 'abc', 'odd-key': 7, deep: { a: { b: [true] } } };

describe('selecting values with JSONPath', () => {
  it.each<[string, unknown, unknown[]]>([
    ['$.status', doc, ['UP']],
    ['$.items.length', doc, [2]],
    ['$.name.length', doc, [3]],
    ['$.items[1].id', doc, [2]],
    ['$.items[*].id', doc, [1, 2]],
    ['$..id', doc, [1, 2]],
    ["$['odd-key']", doc, [7]],
    ['$.deep.a.b[0]', doc, [true]],
    ['$.missing', doc, []],
    ['$', 42, [42]],
    ['$.x', 'text', []],
    ['$[0]', [10, 20], [10]],
  ])('%s', (path, json, values) => {
    expect(selectJson(path, json)).toEqual(values);
  });

  it('never runs a script inside a path', () => {
    expect(jsonPathProblem('$.items[?(@.id > 1)]')).toMatch(/not a usable JSONPath/);
    expect(jsonPathProblem('$.items[(process.exit())]')).toMatch(/not a usable JSONPath/);
    expect(jsonPathProblem('$.items[0]')).toBeNull();
  });
});

describe('reading an expected value', () => {
  it.each<[string | number | boolean | null, unknown]>([
    ['UP', { kind: 'equal', value: 'UP' }],
    [3, { kind: 'equal', value: 3 }],
    [null, { kind: 'equal', value: null }],
    ['< 200', { kind: 'order', op: '<', operand: 200, text: '< 200' }],
    ['>=1.5', { kind: 'order', op: '>=', operand: 1.5, text: '>=1.5' }],
    ['== 3', { kind: 'same', negate: false, operand: 3, text: '== 3' }],
    ['!= DOWN', { kind: 'same', negate: true, operand: 'DOWN', text: '!= DOWN' }],
    ['<html>', { kind: 'equal', value: '<html>' }],
  ])('%j', (raw, parsed) => {
    expect(parseJsonExpectation(raw)).toEqual(parsed);
  });
});

describe('judging a value at a path', () => {
  it.each<[string, string | number | boolean | null, unknown, string | null]>([
    ['$.status', 'UP', { status: 'UP' }, null],
    ['$.status', 'UP', { status: 'DOWN' }, '$.status: expected UP, got DOWN'],
    ['$.n', '> 0', { n: -1 }, '$.n: expected > 0, got -1'],
    ['$.n', '!= 0', { n: 0 }, '$.n: expected != 0, got 0'],
    ['$.n', '== 0', { n: '0' }, '$.n: expected == 0, got "0"'],
    ['$.o', 'x', { o: { long: 'y'.repeat(100) } }, `$.o: expected x, got {"long":"${'y'.repeat(68)}...`],
    ['$.flag', false, { flag: 'false' }, '$.flag: expected false, got "false"'],
  ])('%s against %j', (path, raw, json, message) => {
    expect(judgeJsonPath(path, parseJsonExpectation(raw), json)).toBe(message);
  });
});
