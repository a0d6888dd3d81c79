import { describe, expect, it } from 'vitest';
import { captureSchema, captureValue, expandDeep, expandText, UndefinedVariable } from '../../../server/checks/scenario-vars';

const vars = new Map([
  ['token', 'abc123'],
  ['id', '42'],
]);

describe('filling in {{variables}}', () => {
  it.each([
    ['Bearer {{token}}', 'Bearer abc123'],
    ['/orders/{{ id }}/items?t={{token}}', '/orders/42/items?t=abc123'],
    ['no variables here', 'no variables here'],
    ['{{ not a name }} and {single}', '{{ not a name }} and {single}'],
  ])('%s', (template, filled) => {
    expect(expandText(template, vars)).toBe(filled);
  });

  it('an undefined variable throws with its name', () => {
    expect(() => expandText('x {{tokn}}', vars)).toThrow(new UndefinedVariable('tokn'));
    expect(() => expandText('x {{tokn}}', vars)).toThrow('undefined variable {{tokn}}');
  });

  it('fills every string inside objects and lists, leaving keys and other values alone', () => {
    expect(expandDeep({ '{{id}}': ['{{id}}', 7, true, null, { deep: 'x{{token}}' }] }, vars)).toEqual({ '{{id}}': ['42', 7, true, null, { deep: 'xabc123' }] });
  });
});

describe('capturing a value from a response', () => {
  const response = { headers: { 'x-request-id': 'req-1' }, body: '{"token":"t-9","n":5,"user":{"id":3},"items":[]}' };
  const html = { headers: {}, body: '<input name="csrf" value="c5rf-value">' };
  it.each<[string, unknown, { headers: Record<string, string>; body: string }, unknown]>([
    ['a JSON string', { json: '$.token' }, response, { value: 't-9' }],
    ['a JSON number, as text', { json: '$.n' }, response, { value: '5' }],
    ['a JSON object, as JSON text', { json: '$.user' }, response, { value: '{"id":3}' }],
    ['a JSON path with nothing there', { json: '$.nope' }, response, { problem: 'capture v: nothing at $.nope' }],
    ['JSON from a body that is not', { json: '$.token' }, html, { problem: 'capture v: body is not JSON' }],
    ['a header, any case', { header: 'X-Request-ID' }, response, { value: 'req-1' }],
    ['a missing header', { header: 'etag' }, response, { problem: 'capture v: no header etag' }],
    ["a regex's first group", { regex: 'value="([^"]+)"' }, html, { value: 'c5rf-value' }],
    ['a regex without a group: the whole match', { regex: 'c5rf-\\w+' }, html, { value: 'c5rf-value' }],
    ['a regex that matches nothing', { regex: 'token=(\\w+)' }, html, { problem: 'capture v: /token=(\\w+)/ matched nothing in the body' }],
  ])('%s', (_name, capture, from, expected) => {
    expect(captureValue('v', captureSchema.parse(capture), from)).toEqual(expected);
  });

  it('a capture is secret unless it says otherwise', () => {
    expect(captureSchema.parse({ header: 'etag' }).secret).toBe(true);
    expect(captureSchema.parse({ header: 'etag', secret: false }).secret).toBe(false);
  });

  it.each([
    ['two sources', { json: '$.a', header: 'b' }],
    ['no source', { secret: true }],
    ['a bad regex', { regex: '(' }],
    ['a JSON path without $', { json: 'token' }],
  ])('refuses %s', (_name, capture) => {
    expect(captureSchema.safeParse(capture).success).toBe(false);
  });
});
