import { describe, expect, it } from 'vitest';
import { problemText, readAnswer, type RawAnswer } from '../../../server/prometheus/answer';
import { apiError, vector } from './fake-prometheus';

const raw = (status: number, body: unknown, fields: Partial<RawAnswer> = {}): RawAnswer => ({
  status,
  contentType: 'application/json',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  truncated: false,
  maxBodyBytes: 10 * 1024 * 1024,
  ...fields,
});

const problemOf = (answer: RawAnswer) => {
  const read = readAnswer(answer);
  if (read.ok) throw new Error('expected a problem');
  return problemText(read.problem);
};

describe("reading an answer of Prometheus's HTTP API", () => {
  it('a success gives its data and its warnings', () => {
    const body = { ...vector([[{ job: 'api' }, '1']]), warnings: ['PromQL info: metric might not be a counter'] };
    expect(readAnswer(raw(200, body))).toEqual({ ok: true, data: body.data, warnings: ['PromQL info: metric might not be a counter'] });
  });

  it.each([
    [
      'a bad query (400 bad_data), without the parameter name Prometheus puts first',
      raw(400, apiError('bad_data', 'invalid parameter "query": 1:5: parse error: unexpected end of input')),
      'bad query: 1:5: parse error: unexpected end of input',
    ],
    [
      'a query that cannot be run (422 execution)',
      raw(422, apiError('execution', 'expanding series: too many samples')),
      'Prometheus answered execution: expanding series: too many samples',
    ],
    [
      "Prometheus's own query timeout (503 timeout)",
      raw(503, apiError('timeout', 'query timed out in expression evaluation')),
      'Prometheus answered timeout: query timed out in expression evaluation',
    ],
    [
      'refused credentials (401, as basic_auth_users answers)',
      raw(401, 'Unauthorized\n', { contentType: 'text/plain' }),
      'Prometheus refused the credentials (401)',
    ],
    ['refused access (403 from a proxy)', raw(403, 'Forbidden', { contentType: 'text/plain' }), 'Prometheus refused access (403)'],
    ['a 503 without an envelope (a proxy, a restart)', raw(503, 'Service Unavailable', { contentType: 'text/plain' }), 'Prometheus answered 503'],
    ['a 404 (a wrong path prefix)', raw(404, '404 page not found\n', { contentType: 'text/plain' }), 'Prometheus answered 404'],
    [
      'a page that is not the API (the url of a dashboard)',
      raw(200, '<html>Grafana</html>', { contentType: 'text/html; charset=utf-8' }),
      "not an answer of the Prometheus API: HTTP 200, text/html; is url the Prometheus server's address?",
    ],
    [
      'JSON that is not the envelope',
      raw(200, { hello: 'world' }),
      "not an answer of the Prometheus API: HTTP 200, application/json; is url the Prometheus server's address?",
    ],
    ['an answer over the size cap', raw(200, '{"status":"succ', { truncated: true }), "Prometheus's answer is larger than 10 MB"],
  ])('%s', (_name, answer, text) => {
    expect(problemOf(answer)).toBe(text);
  });
});
