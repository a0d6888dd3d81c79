import fc from 'fast-check';

/**
 * Values that have broken parsers elsewhere: empty and blank text, lone `%`, escapes of
 * invalid UTF-8, names of Object.prototype's members, numbers past what a double holds,
 * a lone surrogate, combining marks, markup, path climbing.
 */
export const TRICKY_TEXT = [
  '',
  ' ',
  '%',
  '%%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%00',
  '%FF%FE',
  '..',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '-0',
  '0',
  '1e309',
  '9007199254740993',
  '99999999999999999999999',
  'true',
  '[]',
  '{}',
  '\u0000',
  '\ud800',
  '\u202e',
  '💥',
  'e\u0301',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${HOME}',
  '2026-02-30',
  '2026-11-20T24:00:00Z',
  '0000-01-01',
  '9999-12-31T23:59:59.999999999+23:59',
  '8640000000000001',
];

/** `%` followed by anything, and escapes of bytes that are not UTF-8: what a decoder chokes on. */
export const percentGarbage: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom('%', '0', '9', 'a', 'F', 'g', 'Z', '/', '+', '&', '=') }),
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
);

/** One character repeated far past anything a field expects (1,000 or more, when `max` allows), up to `max` characters. */
export const longText = (max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom('x', '%', 'é', '9', '💥', '\\'), fc.integer({ min: Math.min(1_000, max), max })).map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

/** Text of every kind a client could send, short and long; `max` bounds the long ones. */
export const awkwardText = (max = 20_000): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string() },
    { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
    { weight: 2, arbitrary: percentGarbage },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 1, arbitrary: longText(max) },
  );

/**
 * Text as it goes into a URL: percent-encoded byte by byte (so even a lone surrogate has an
 * encoding), or left raw where the URL parser lets it through, `%` and all.
 */
export function intoUrl(text: string, raw: boolean): string {
  if (raw) return [...text].map((c) => (/[\u0021-\u007e]/.test(c) && c !== '#' ? c : encodeBytes(c))).join('');
  return encodeBytes(text);
}

function encodeBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** A query string of the given keys and random ones, values of every kind, keys repeated, `%` left raw or encoded. */
export const queryString = (keys: readonly string[], { maxValue = 10_000 } = {}): fc.Arbitrary<string> =>
  fc
    .array(
      fc.record({
        key: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...keys) },
          { weight: 1, arbitrary: awkwardText(200) },
          { weight: 1, arbitrary: fc.constantFrom('a[b]', 'a[]', '__proto__[x]') },
        ),
        value: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: awkwardText(maxValue) }),
        raw: fc.boolean(),
      }),
      { maxLength: 6 },
    )
    .map((pairs) => pairs.map(({ key, value, raw }) => (value === null ? intoUrl(key, raw) : `${intoUrl(key, raw)}=${intoUrl(value, raw)}`)).join('&'));
