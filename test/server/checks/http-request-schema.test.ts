import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { byteSize, describeSize, refineOneBody, requestShape } from '../../../server/checks/http-request-schema';

describe('sizes as people read them', () => {
  it.each<[number, string]>([
    [1024 * 1024, '1 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [100 * 1024 * 1024, '100 MB'],
    [512 * 1024, '512 KB'],
    [1024, '1 KB'],
    [1500, '1500 bytes'],
    [1, '1 byte'],
  ])('%i bytes read "%s"', (bytes, text) => {
    expect(describeSize(bytes)).toBe(text);
  });
});

describe('sizes as a config writes them', () => {
  it.each<[unknown, number]>([
    [65536, 65536],
    ['512kb', 512 * 1024],
    ['1MB', 1024 * 1024],
    ['1.5 mb', 1.5 * 1024 * 1024],
    ['100b', 100],
    ['100mb', 100 * 1024 * 1024],
  ])('%j is %i bytes', (written, bytes) => {
    expect(byteSize.parse(written)).toBe(bytes);
  });

  it.each([0, -1, 1.5, '', 'lots', '1gb', '101mb', '2 MiB', true])('%j is refused', (written) => {
    expect(byteSize.safeParse(written).success).toBe(false);
  });

  it('a refused size says what a size looks like', () => {
    expect(byteSize.safeParse('1gb').error?.issues[0]?.message).toBe('"1gb" is not a size from 1 byte to 100mb, such as 65536, "512kb" or "1mb"');
  });
});

describe('request fields', () => {
  const request = z.strictObject(requestShape(z.string())).superRefine(refineOneBody);

  it('default to a GET with no headers, no query, redirects followed and a 1 MB body cap', () => {
    expect(request.parse({ url: 'http://127.0.0.1/' })).toEqual({
      url: 'http://127.0.0.1/',
      method: 'GET',
      headers: {},
      query: {},
      followRedirects: true,
      maxBodySize: 1024 * 1024,
    });
  });

  it('read numbers and booleans in headers and query as text', () => {
    expect(request.parse({ url: 'x', headers: { 'x-n': 5 }, query: { on: true, ids: [1, 2] } })).toMatchObject({
      headers: { 'x-n': '5' },
      query: { on: 'true', ids: ['1', '2'] },
    });
  });

  it('refuse two kinds of body, naming the second', () => {
    const result = request.safeParse({ url: 'x', json: {}, form: { a: '1' } });
    expect(result.error?.issues).toMatchObject([{ path: ['form'], message: 'use only one of json, form' }]);
  });

  it.each([
    ['auth with both basic and bearer', { auth: { bearer: 't', basic: { username: 'u', password: 'p' } } }],
    ['auth with neither', { auth: {} }],
    ['an empty bearer token', { auth: { bearer: '' } }],
    ['a file with both content and path', { multipart: { f: { file: { name: 'a.txt', content: 'x', path: '/tmp/a.txt' } } } }],
    ['a file with neither content nor path', { multipart: { f: { file: { name: 'a.txt' } } } }],
    ['an unknown method', { method: 'TRACE' }],
  ])('refuse %s', (_name, fields) => {
    expect(request.safeParse({ url: 'x', ...fields }).success).toBe(false);
  });
});
