import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../server/checks/redact';
import { findSecrets } from '../../helpers/leaks';

const SECRET = 'pa ss"/+&é-7c1f';
const redact = createRedactor([SECRET]);
const b64 = (text: string) => Buffer.from(text).toString('base64');
const pyJson = (text: string) => JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('a secret is masked in every form it travels in', () => {
  it.each([
    ['as it is', `token ${SECRET} end`],
    ['as a URL component', `/x?k=${encodeURIComponent(SECRET)}&y=1`],
    ['in lower-case percent escapes', `/x?k=${encodeURIComponent(SECRET).toLowerCase()}`],
    ['as a form field, space as +', new URLSearchParams({ k: SECRET, y: '1' }).toString()],
    ['in a URL path', new URL(`http://h/a/${SECRET}/b`).href],
    ['in a URL query', new URL(`http://h/a?k=${SECRET}`).href],
    ['in a URL user info', Object.assign(new URL('http://h/'), { username: 'u', password: SECRET }).href],
    ['JSON-escaped', JSON.stringify({ k: SECRET })],
    ['JSON-escaped with non-ASCII as \\u', pyJson(SECRET)],
    ['JSON-escaped twice (a JSON body echoed inside JSON)', JSON.stringify({ data: JSON.stringify({ k: SECRET }) })],
    ['JSON-escaped with / as \\/', JSON.stringify(SECRET).replaceAll('/', '\\/')],
    ['HTML-escaped', `<input value="${SECRET.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`],
    ['HTML-escaped with numeric entities', SECRET.replace(/[&"]/g, (c) => `&#${c.charCodeAt(0)};`)],
    ['base64', `x ${b64(SECRET)} y`],
    ['base64url', `x ${Buffer.from(SECRET).toString('base64url')} y`],
    ['base64 inside a longer value (a Basic header)', `Basic ${b64(`monitor:${SECRET}`)}`],
    ['base64 at each alignment', [1, 2, 3].map((n) => b64(`${'x'.repeat(n)}${SECRET}tail`)).join(' ')],
    ['cut short at the end of a text', `excerpt: ${SECRET.slice(0, 8)}`],
  ])('%s', (_, text) => {
    const masked = redact(text);
    expect(masked).toContain('***');
    expect(findSecrets(masked, [SECRET])).toEqual([]);
    expect(masked).not.toContain('pa ss');
    expect(masked).not.toContain('pa%20ss');
    expect(masked).not.toContain('pa+ss');
  });

  it('leaves the rest of the text as it was, and masks each occurrence once', () => {
    expect(redact(`a ${SECRET} b ${SECRET}${SECRET} c`)).toBe('a *** b *** c');
  });

  it('masks overlapping secrets without leaving a part of either', () => {
    expect(createRedactor(['abcdef', 'defghi'])('xxabcdefghiyy')).toBe('xx***yy');
  });

  it('ignores values too short to be secrets', () => {
    expect(createRedactor(['abc', ''])('abc abc')).toBe('abc abc');
  });
});
