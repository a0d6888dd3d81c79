import { describe, expect, it } from 'vitest';
import { httpExpectSchema, judgeHttpResponse, visibleHeaders, type HttpResponseFacts } from '../../../server/checks/http-expect';

interface Facts extends HttpResponseFacts {
  headers: Record<string, string>;
}

const facts = (status: number, body = 'OK', elapsedMs = 10, headers: Record<string, string> = {}): Facts => ({
  status,
  body,
  truncated: false,
  maxBodyBytes: 1024 * 1024,
  elapsedMs,
  headers,
});
const json = (body: unknown) => facts(200, JSON.stringify(body), 10, { 'content-type': 'application/json' });
const health = { status: 'UP', db: { latencyMs: 120, up: true }, items: [1, 2], empty: [], version: '5', nothing: null, checks: [{ s: 'UP' }, { s: 'DOWN' }] };

/** Expectations as a config writes them, parsed like the config loader does. */
const judge = (expectation: unknown, response: Facts) =>
  judgeHttpResponse(expectation === undefined ? undefined : httpExpectSchema.parse(expectation), response);

describe('judging an HTTP response', () => {
  it.each<[string, unknown, Facts, string, string]>([
    ['no expectations accept any 2xx', undefined, facts(204), 'ok', 'HTTP 204'],
    ['no expectations refuse a 5xx', undefined, facts(503), 'failed', 'expected status 2xx, got 503'],
    ['an exact status', { status: 200 }, facts(201), 'failed', 'expected status 200, got 201'],
    ['a status class', { status: '3xx' }, facts(301), 'ok', 'HTTP 301'],
    ['a list of statuses', { status: [200, 404] }, facts(404), 'ok', 'HTTP 404'],
    ['a list that does not match', { status: [200, '3xx'] }, facts(500), 'failed', 'expected status 200 or 3xx, got 500'],
    ['body text present', { bodyContains: 'healthy' }, facts(200, 'all healthy'), 'ok', 'HTTP 200'],
    ['body text missing', { bodyContains: 'healthy' }, facts(200, 'sick'), 'failed', 'body did not contain "healthy"'],
    ['every text of a list must be there', { bodyContains: ['all', 'healthy'] }, facts(200, 'all well'), 'failed', 'body did not contain "healthy"'],
    ['unwanted text absent', { bodyNotContains: 'error' }, facts(200, 'fine'), 'ok', 'HTTP 200'],
    ['unwanted text present', { bodyNotContains: ['warning', 'error'] }, facts(200, 'an error occurred'), 'failed', 'body contained "error"'],
    ['body regex', { bodyMatches: '"db":\\s*"up"' }, facts(200, '{"db": "up"}'), 'ok', 'HTTP 200'],
    ['body regex not matching', { bodyMatches: '^ok$' }, facts(200, 'nok'), 'failed', 'body did not match /^ok$/'],
    ['a header with the exact value', { headers: { 'Content-Type': 'application/json' } }, json({}), 'ok', 'HTTP 200'],
    ['a header matching a pattern', { headers: { 'content-type': '/JSON/i' } }, json({}), 'ok', 'HTTP 200'],
    [
      'a header not matching a pattern',
      { headers: { 'content-type': '/json/' } },
      facts(200, 'x', 10, { 'content-type': 'text/html' }),
      'failed',
      'header content-type: expected /json/, got text/html',
    ],
    [
      'a header with another value',
      { headers: { 'x-version': '2' } },
      facts(200, 'x', 10, { 'x-version': '1' }),
      'failed',
      'header x-version: expected 2, got 1',
    ],
    ['a missing header', { headers: { 'x-request-id': '/.+/' } }, facts(200), 'failed', 'header x-request-id: expected /.+/, but it is missing'],
    ['a JSON value equal', { json: { '$.status': 'UP' } }, json(health), 'ok', 'HTTP 200'],
    ['a JSON value different', { json: { '$.status': 'DOWN' } }, json(health), 'failed', '$.status: expected DOWN, got UP'],
    ['a JSON number below a limit', { json: { '$.db.latencyMs': '< 200' } }, json(health), 'ok', 'HTTP 200'],
    ['a JSON number over a limit', { json: { '$.db.latencyMs': '<= 100' } }, json(health), 'failed', '$.db.latencyMs: expected <= 100, got 120'],
    ['a list that must not be empty', { json: { '$.items.length': '> 0' } }, json(health), 'ok', 'HTTP 200'],
    ['an empty list', { json: { '$.empty.length': '> 0' } }, json(health), 'failed', '$.empty.length: expected > 0, got 0'],
    ['a count compared with ==', { json: { '$.items.length': '== 3' } }, json(health), 'failed', '$.items.length: expected == 3, got 2'],
    ['a value that must differ', { json: { '$.status': '!= DOWN' } }, json(health), 'ok', 'HTTP 200'],
    ['a value that must differ but does not', { json: { '$.items.length': '!= 2' } }, json(health), 'failed', '$.items.length: expected != 2, got 2'],
    ['a boolean', { json: { '$.db.up': true } }, json(health), 'ok', 'HTTP 200'],
    ['null', { json: { '$.nothing': null } }, json(health), 'ok', 'HTTP 200'],
    ['a number is not the same as its text', { json: { '$.version': 5 } }, json(health), 'failed', '$.version: expected 5, got "5"'],
    ['a comparison needs a number', { json: { '$.status': '>= 1' } }, json(health), 'failed', '$.status: expected >= 1, got "UP" (not a number)'],
    ['a path that selects nothing', { json: { '$.missing': 'UP' } }, json(health), 'failed', '$.missing: expected UP, but nothing is there'],
    [
      'every value a wildcard selects must match',
      { json: { '$.checks[*].s': 'UP' } },
      json(health),
      'failed',
      '$.checks[*].s: expected UP, got DOWN (1 of 2 values)',
    ],
    ['a body that is not JSON', { json: { '$.status': 'UP' } }, facts(200, '<html>'), 'failed', 'body is not JSON'],
    ['too slow is degraded', { maxResponseTime: '800ms' }, facts(200, 'OK', 1234), 'degraded', 'slow: took 1234ms, limit 800ms'],
    ['a failure wins over slowness', { status: 200, maxResponseTime: '800ms' }, facts(500, 'x', 1234), 'failed', 'expected status 200, got 500'],
  ])('%s', (_name, expectation, response, outcome, message) => {
    const observation = judge(expectation, response);
    expect(observation.outcome).toBe(outcome);
    expect(observation.message).toBe(message);
    expect(observation.latencyMs).toBe(response.elapsedMs);
  });

  it('a body larger than maxBodySize fails, naming the limit, even with no expectations', () => {
    const cut = (maxBodyBytes: number) => ({ ...facts(200, 'xxxx'), truncated: true, maxBodyBytes });
    expect(judge(undefined, cut(1024 * 1024))).toMatchObject({
      outcome: 'failed',
      message: 'response body larger than maxBodySize (1 MB); stopped reading',
      details: { bodyTruncated: true, bodyExcerpt: 'xxxx' },
    });
    expect(judge({ bodyContains: 'xx' }, cut(512 * 1024)).message).toBe('response body larger than maxBodySize (512 KB); stopped reading');
    expect(judge(undefined, cut(1500)).message).toBe('response body larger than maxBodySize (1500 bytes); stopped reading');
  });

  it('a wrong status or header is named before a body over the limit', () => {
    const huge = (status: number) => ({ ...facts(status, 'xxxx', 10, { 'content-type': 'text/html' }), truncated: true });
    expect(judge(undefined, huge(503)).message).toBe('expected status 2xx, got 503');
    expect(judge({ headers: { 'content-type': '/json/' } }, huge(200)).message).toBe('header content-type: expected /json/, got text/html');
  });

  it('a failure carries the start of the body; a success does not', () => {
    const failed = judge({ status: 200 }, facts(500, `boom ${'x'.repeat(2_000)}`));
    expect(failed.details).toMatchObject({ statusCode: 500, bodyTruncated: false });
    expect((failed.details!.bodyExcerpt as string).length).toBe(500);
    expect(judge(undefined, facts(200)).details).not.toHaveProperty('bodyExcerpt');
  });

  it('shows response headers with cookie values hidden', () => {
    const headers = visibleHeaders({ 'content-type': 'text/html', 'set-cookie': 'a=secret1; Expires=Wed, 21 Oct 2026 07:28:00 GMT, b=secret2; Path=/' });
    expect(headers).toEqual({ 'content-type': 'text/html', 'set-cookie': 'a=***, b=***' });
  });

  it('shows credential headers masked, and harmless look-alikes as they are', () => {
    const headers = visibleHeaders({
      'x-auth-token': 'tok-8899',
      'x-client-key': 'KEYVALUE123',
      'access-control-allow-credentials': 'true',
      'keep-alive': 'timeout=5',
    });
    expect(headers).toEqual({ 'x-auth-token': '***', 'x-client-key': '***', 'access-control-allow-credentials': 'true', 'keep-alive': 'timeout=5' });
  });
});

describe('credentials in a failing response', () => {
  const excerptOf = (observation: ReturnType<typeof judge>) => observation.details!.bodyExcerpt as string;

  it('are masked in the body excerpt of a JSON body, nested or not, other fields kept', () => {
    const body = { access_token: 'LEAKYTOKEN-999', user: { name: 'demo', refreshToken: 'REFRESH-777' }, error: 'scope denied' };
    const excerpt = excerptOf(judge({ status: 201 }, json(body)));
    expect(excerpt).toBe('{"access_token":"***","user":{"name":"demo","refreshToken":"***"},"error":"scope denied"}');
  });

  it('are masked in a url-encoded body, and in JSON cut short at the limit', () => {
    const form = excerptOf(judge({ status: 201 }, facts(200, 'access_token=FORMTOKEN-321&scope=read&token_type=bearer', 10, { 'content-type': 'text/plain' })));
    expect(form).toBe('access_token=***&scope=read&token_type=***');
    const cut = excerptOf(judge(undefined, { ...facts(200, '{"items":[1,2],"session_id":"SESSION-4455","next":"CUT-AT-LIMIT-66'), truncated: true }));
    expect(cut).toBe('{"items":[1,2],"session_id":"***","next":"CUT-AT-LIMIT-66');
    const cutInSecret = excerptOf(judge(undefined, { ...facts(200, '{"items":[1,2],"api_key":"PARTIAL-KEY-12'), truncated: true }));
    expect(cutInSecret).toBe('{"items":[1,2],"api_key":"***');
  });

  it('are masked where a message quotes them, with credential header values', () => {
    const observation = judge({ headers: { 'x-session-id': 'expected-one' } }, facts(200, 'echo: SESSIONVALUE-42', 10, { 'x-session-id': 'SESSIONVALUE-42' }));
    expect(observation.message).toBe('header x-session-id: expected expected-one, got ***');
    expect(excerptOf(observation)).toBe('echo: ***');
    expect(JSON.stringify(observation)).not.toContain('SESSIONVALUE-42');
  });

  it('a secret past the first 500 characters is masked before the body is cut', () => {
    const body = JSON.stringify({ padding: 'p'.repeat(470), token: 'LONG-SECRET-TOKEN-ABCDEFGHIJKLMNOPQRSTUVWXYZ' });
    const excerpt = excerptOf(judge({ status: 201 }, json(JSON.parse(body))));
    expect(excerpt).not.toContain('LONG-SECRET');
    expect(excerpt).toMatch(/"token":"\*\*\*"}$/);
  });
});

describe('reading expectations from the config', () => {
  it.each<[string, unknown, string]>([
    ['a header pattern that is not a regular expression', { headers: { 'content-type': '/(json/' } }, 'not a valid regular expression'],
    ['a JSON path without $', { json: { status: 'UP' } }, 'start it with $'],
    ['a JSON path with a script', { json: { '$.items[?(@.price < 10)]': 1 } }, 'not a usable JSONPath'],
    ['an ordering against text', { json: { '$.status': '< high' } }, 'compare with a number'],
    ['a list as an expected JSON value', { json: { '$.items': [1, 2] } }, 'expected a value'],
    ['empty text to look for', { bodyContains: '' }, 'must not be empty'],
    ['an unknown expectation', { bodyContain: 'x' }, 'bodyContain'],
  ])('%s is refused', (_name, expectation, problem) => {
    const result = httpExpectSchema.safeParse(expectation);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error!.issues)).toContain(problem);
  });
});
