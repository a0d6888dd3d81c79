import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prometheusCheck } from '../../../server/checks/prometheus';
import { runCheck } from '../../../server/checks/runner';
import { ConfigError, parseConfig } from '../../../server/config/load';
import { checkSchema } from '../../../server/config/schema';
import { closedPort } from '../../helpers/targets';
import { byTimeout } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';
import { apiError, matrix, scalar, startFakePrometheus, vector, type FakePrometheus } from '../prometheus/fake-prometheus';

const TOKEN = 'prom-bearer-token-0123456789';
let prometheus: FakePrometheus;

beforeAll(async () => {
  prometheus = await startFakePrometheus();
});
afterAll(async () => {
  await prometheus.close();
});
beforeEach(() => {
  prometheus.requests = [];
  prometheus.answerFor = {};
});

const check = (fields: Record<string, unknown> = {}) =>
  checkSchema.parse({ id: 'error-rate', type: 'prometheus', url: prometheus.url, query: 'sum(rate(errors[5m]))', timeout: '2s', ...fields });
const run = (fields: Record<string, unknown> = {}) => runCheck(prometheusCheck, check(fields));

describe('the prometheus check against a server answering as Prometheus does', () => {
  it('asks an instant query with the PromQL and a timeout Prometheus enforces itself', async () => {
    prometheus.answer = { status: 200, body: vector([[{ job: 'api' }, '0.01']]) };
    await run();
    const [request] = prometheus.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/api/v1/query' });
    expect(request!.params.get('query')).toBe('sum(rate(errors[5m]))');
    expect(Number(request!.params.get('timeout'))).toBeGreaterThan(0);
    expect(Number(request!.params.get('timeout'))).toBeLessThan(2);
  });

  it('a vector within the expectation is ok, with the value and the time it took', async () => {
    prometheus.answer = { status: 200, body: vector([[{ job: 'api' }, '0.01']]) };
    const result = await run({ expect: { value: '< 0.05' } });
    expect(result).toMatchObject({ outcome: 'ok', message: 'value 0.01 on {job="api"}' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a series beyond the expectation fails, naming the series and its value', async () => {
    prometheus.answer = {
      status: 200,
      body: vector([
        [{ job: 'api' }, '0.12'],
        [{ job: 'web' }, '0.01'],
      ]),
    };
    const result = await run({ expect: { value: '< 0.05' } });
    expect(result).toMatchObject({ outcome: 'failed', message: '1 of 2 series fail < 0.05: 0.12 on {job="api"}' });
    expect(result.details).toMatchObject({
      resultType: 'vector',
      seriesCount: 2,
      series: [{ series: '{job="api"}', value: '0.12', meets: false }, { meets: true }],
    });
  });

  it('a scalar is judged as one value', async () => {
    prometheus.answer = { status: 200, body: scalar('0') };
    expect(await run({ query: 'scalar(up{job="db"})', expect: { value: '== 1' } })).toMatchObject({ outcome: 'failed', message: 'value 0, expected == 1' });
  });

  it("a matrix is judged by each series' newest sample", async () => {
    prometheus.answer = { status: 200, body: matrix([[{ job: 'api' }, ['0', '0', '1']]]) };
    expect(await run({ query: 'up[1m]', expect: { value: '== 1' } })).toMatchObject({ outcome: 'ok', message: 'value 1 on {job="api"}' });
  });

  it('NaN and +Inf as Prometheus writes them are compared, not mistaken for text', async () => {
    prometheus.answer = {
      status: 200,
      body: vector([
        [{ job: 'a' }, 'NaN'],
        [{ job: 'b' }, '+Inf'],
      ]),
    };
    expect(await run({ expect: { value: '> 0' } })).toMatchObject({ outcome: 'failed', message: '1 of 2 series fail > 0: NaN on {job="a"}' });
  });

  it('an empty result fails by default and is ok when the config says so', async () => {
    prometheus.answer = { status: 200, body: vector([]) };
    expect(await run()).toMatchObject({ outcome: 'failed', message: 'the query returned no series' });
    expect(await run({ expect: { empty: 'ok' } })).toMatchObject({ outcome: 'ok', message: 'the query returned no series' });
  });

  it('too few series fail', async () => {
    prometheus.answer = { status: 200, body: vector([[{ instance: 'a' }, '1']]) };
    expect(await run({ expect: { series: '>= 3' } })).toMatchObject({ outcome: 'failed', message: 'expected >= 3 series, got 1' });
  });

  it.each([
    [
      'a bad query (400 bad_data)',
      { status: 400, body: apiError('bad_data', 'invalid parameter "query": 1:5: parse error: unexpected end of input') },
      'bad query: 1:5: parse error: unexpected end of input',
    ],
    ['refused credentials (401)', { status: 401, body: 'Unauthorized\n' }, 'Prometheus refused the credentials (401)'],
    ['a plain 503', { status: 503, body: 'Service Unavailable' }, 'Prometheus answered 503'],
    [
      "Prometheus's own query timeout",
      { status: 503, body: apiError('timeout', 'query timed out in expression evaluation') },
      'Prometheus answered timeout: query timed out in expression evaluation',
    ],
  ])('%s is unknown with the reason: it says nothing about the service', async (_name, answer, message) => {
    prometheus.answer = answer;
    expect(await run({ expect: { value: '< 0.05' } })).toEqual({ outcome: 'unknown', message, latencyMs: null });
  });

  it('a Prometheus that never answers is unknown, by its own words, within the timeout', async () => {
    prometheus.answer = 'hang';
    const started = Date.now();
    const result = await run({ timeout: '1s' });
    expect(result).toEqual({ outcome: 'unknown', message: 'Prometheus did not answer within 1s', latencyMs: null });
    expect(Date.now() - started).toBeLessThan(byTimeout(1_000));
    // The request is given up, not left open on Prometheus.
    await waitFor(() => prometheus.abandoned > 0, 'the hanging request to be closed');
  });

  it('a Prometheus that refuses connections is unknown: "Prometheus unreachable: connection refused"', async () => {
    const result = await run({ url: `http://127.0.0.1:${await closedPort()}` });
    expect(result).toEqual({ outcome: 'unknown', message: 'Prometheus unreachable: connection refused', latencyMs: null });
  });

  it('sends a bearer token, basic credentials and headers as configured', async () => {
    prometheus.answer = { status: 200, body: vector([[{}, '1']]) };
    await run({ bearerToken: TOKEN, headers: { 'X-Scope-OrgID': 'team-a' } });
    await run({ basicAuth: { username: 'greenboard', password: 'basic-password-42' } });
    const [bearer, basic] = prometheus.requests;
    expect(bearer!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(bearer!.headers['x-scope-orgid']).toBe('team-a');
    expect(basic!.headers.authorization).toBe(`Basic ${Buffer.from('greenboard:basic-password-42').toString('base64')}`);
  });

  it('keeps the path prefix of a Prometheus served under one', async () => {
    prometheus.answer = { status: 200, body: vector([[{}, '1']]) };
    await run({ url: `${prometheus.url}/prometheus` });
    expect(prometheus.requests[0]!.path).toBe('/prometheus/api/v1/query');
  });

  it('sends a long query as a form, which no URL length limit cuts', async () => {
    prometheus.answer = { status: 200, body: vector([[{}, '1']]) };
    const query = `sum(up{job=~"${Array.from({ length: 300 }, (_, i) => `job-${i}`).join('|')}"})`;
    expect(await run({ query })).toMatchObject({ outcome: 'ok' });
    expect(prometheus.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/query' });
    expect(prometheus.requests[0]!.params.get('query')).toBe(query);
  });

  it('never shows a credential, even when Prometheus echoes it back', async () => {
    prometheus.answer = { status: 400, body: apiError('bad_data', `unexpected header "Authorization: Bearer ${TOKEN}"`) };
    const result = await run({ bearerToken: TOKEN });
    expect(result.outcome).toBe('unknown');
    expect(result.message).toContain('***');
    expect(result.message).not.toContain(TOKEN);
    const config = check({ bearerToken: TOKEN, url: `http://reader:url-password-77@127.0.0.1:${prometheus.port}` }) as Parameters<
      typeof prometheusCheck.describe
    >[0];
    expect(prometheusCheck.describe(config)).not.toMatch(/url-password-77|prom-bearer/);
    expect(prometheusCheck.secrets!(config)).toEqual(expect.arrayContaining([TOKEN, 'url-password-77']));
  });
});

describe('the prometheus check in a config', () => {
  const board = (expectLines: string) => `services:
  - id: api
    name: API
    checks:
      - id: error-rate
        type: prometheus
        url: http://127.0.0.1:9090
        query: up
        expect:
${expectLines}`;

  it('a comparison that is not one stops start-up, naming the field and its line', () => {
    const attempt = () => parseConfig(board('          value: "<< 3"\n'), 'board.yaml', {});
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.objectContaining({ line: 10, field: 'services[0].checks[0].expect.value', message: expect.stringContaining('"<< 3" is not a comparison') }),
      ]);
    }
  });

  it('a bearer token and basic credentials together are refused', () => {
    const result = checkSchema.safeParse({
      id: 'q',
      type: 'prometheus',
      url: 'http://127.0.0.1:9090',
      query: 'up',
      bearerToken: TOKEN,
      basicAuth: { username: 'a', password: 'b' },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['basicAuth'], message: 'use only one of bearerToken, basicAuth' });
  });
});
