import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceResponse, SourcesResponse, UnmappedAlertsResponse } from '../../../shared/api';
import type { Observation } from '../../../server/checks/types';
import { silentLogger } from '../../../server/log';
import { sourceSchema } from '../../../server/config/schema';
import { prometheusSource } from '../../../server/sources/prometheus';
import type { SourceContext } from '../../../server/sources/types';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { capturingLogger, ERROR, type LogLine } from '../../helpers/log-lines';
import { closedPort } from '../../helpers/targets';
import { waitFor } from '../../helpers/wait';
import { apiError, startFakePrometheus, type FakeAnswer, type FakePrometheus } from '../prometheus/fake-prometheus';

const TOKEN = 'prom-source-token-0123456789';
const SINCE = String.raw`since \d\d:\d\d UTC`;

/** A captured answer of Prometheus 2.42, sent byte for byte as it was. */
const captured = (name: string): FakeAnswer => ({
  status: 200,
  body: readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'prometheus', name), 'utf8'),
  contentType: 'application/json',
});
const FIRING = captured('alerts-firing.json');
const NONE = captured('alerts-none.json');

const yaml = (url: string, extra = '') => `
services:
  - { id: checkout, name: Checkout, checks: [] }
  - { id: search, name: Search, checks: [] }
  - { id: auth, name: Auth, checks: [] }
sources:
  - { id: prom, type: prometheus, url: "${url}", interval: 1s, timeout: 500ms, bearerToken: ${TOKEN}${extra} }
`;

describe('the prometheus source, on a real board', () => {
  let prometheus: FakePrometheus;
  let board: RunningBoard;
  let lines: LogLine[];

  const start = async (config: string) => {
    const logger = capturingLogger();
    lines = logger.lines;
    board = await startBoard(config, { log: logger.log });
  };
  beforeEach(async () => {
    prometheus = await startFakePrometheus(NONE);
  });
  afterEach(async () => {
    await board.close();
    await prometheus.close();
  });

  const entry = async (service: string) => {
    const body = (await (await fetch(`${board.url}/api/services/${service}`)).json()) as ServiceResponse;
    return { status: body.service.status, prom: body.service.checks.find((c) => c.id === 'prom')! };
  };
  /** Until the first poll is recorded, a source's entry reads unknown "nothing received yet": wait for the poll's own words. */
  const failingWith = (service: string, pattern: RegExp, timeoutMs = 5_000) =>
    waitFor(async () => pattern.test((await entry(service)).prom.message), `${service} to read ${pattern}`, { timeoutMs });
  const statuses = async () => Object.fromEntries(await Promise.all(['checkout', 'search', 'auth'].map(async (id) => [id, (await entry(id)).status])));
  const statusesBecome = (expected: Record<string, string>, what: string) =>
    waitFor(async () => JSON.stringify(await statuses()) === JSON.stringify(expected), what);
  const sourceHealth = async () => ((await (await fetch(`${board.url}/api/sources`)).json()) as SourcesResponse).sources.find((s) => s.id === 'prom')!.health;

  it('the alerts Prometheus lists turn their services down or degraded, naming them; an empty list turns them up', async () => {
    prometheus.answer = FIRING;
    await start(yaml(prometheus.url));
    await statusesBecome({ checkout: 'down', search: 'degraded', auth: 'up' }, 'checkout down, search degraded');
    const { prom } = await entry('checkout');
    expect(prom.message).toContain('ServiceDown: checkout is down');
    expect(prom.message).toContain('ProbeFailed: HTTP probe of checkout failed');
    expect((await entry('search')).prom.message).toBe('ServiceDegraded: search is degraded');
    expect(prometheus.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/alerts' });
    expect(prometheus.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);

    prometheus.answer = NONE;
    await statusesBecome({ checkout: 'up', search: 'up', auth: 'up' }, 'every service back up');
    expect((await entry('checkout')).prom.message).toBe('no alerts firing');
    expect((await sourceHealth()).received).toBeGreaterThanOrEqual(2);
  });

  it('a poll that fails turns every service unknown with the reason, never green, and the next good poll restores the picture', async () => {
    await start(yaml(prometheus.url));
    await statusesBecome({ checkout: 'up', search: 'up', auth: 'up' }, 'a first good poll');
    prometheus.answer = { status: 401, body: 'Unauthorized\n' };
    await waitFor(async () => Object.values(await statuses()).every((s) => s === 'unknown'), 'every service to turn unknown');
    expect((await entry('auth')).prom.message).toMatch(new RegExp(`^Prometheus refused the credentials \\(401\\) ${SINCE}$`));
    expect(await sourceHealth()).toMatchObject({ lastError: 'Prometheus refused the credentials (401)' });
    expect((await sourceHealth()).errors).toBeGreaterThan(0);

    prometheus.answer = FIRING;
    await statusesBecome({ checkout: 'down', search: 'degraded', auth: 'up' }, 'the next good poll');
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
  });

  it('a Prometheus that refuses connections: "Prometheus unreachable since 09:12 UTC: connection refused"', async () => {
    await start(yaml(`http://127.0.0.1:${await closedPort()}`));
    await failingWith('checkout', new RegExp(`^Prometheus unreachable ${SINCE}: connection refused$`));
    expect((await entry('checkout')).status).toBe('unknown');
    expect(await sourceHealth()).toMatchObject({ lastError: 'Prometheus unreachable: connection refused', lastReceivedAt: null });
  });

  it('a poll that hangs is given up at the timeout, and the next poll never starts before it ends', async () => {
    prometheus.answer = 'hang';
    await start(yaml(prometheus.url));
    await failingWith('checkout', new RegExp(`^Prometheus did not answer within 500ms ${SINCE}$`));
    expect((await entry('checkout')).status).toBe('unknown');
    await waitFor(() => prometheus.requests.length >= 3, 'three polls', { timeoutMs: 10_000 });
    expect(prometheus.maxOpen).toBe(1);
  });

  it('an answer that is not an alert list is a failed poll naming the field', async () => {
    const body = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'prometheus', 'alerts-firing.json'), 'utf8'));
    body.data.alerts[1].state = 'burning';
    prometheus.answer = { status: 200, body };
    await start(yaml(prometheus.url));
    await failingWith('auth', new RegExp(`^bad answer from Prometheus ${SINCE}: data.alerts\\[1\\].state: expected "firing", "pending" or "inactive"`));
    await statusesBecome({ checkout: 'unknown', search: 'unknown', auth: 'unknown' }, 'every service unknown');
  });

  it('rules send an alert to the service they name; an alert for a service the board lacks is listed as unmapped', async () => {
    prometheus.answer = FIRING;
    await start(yaml(prometheus.url, `, rules: [{ matchers: ['alertname="ProbeFailed"'], service: auth }]`).replace(/ {2}- \{ id: search.*\n/, ''));
    await waitFor(async () => (await entry('auth')).status === 'down', 'ProbeFailed to turn auth down');
    expect((await entry('auth')).prom.message).toBe('ProbeFailed: HTTP probe of checkout failed');
    expect((await entry('checkout')).prom.message).toBe('ServiceDown: checkout is down');
    const unmapped = (await (await fetch(`${board.url}/api/alerts/unmapped`)).json()) as UnmappedAlertsResponse;
    expect(unmapped.alerts.map((a) => [a.alertname, a.reason, a.source])).toEqual([
      ['ServiceDegraded', 'service="search" is not a service on the board', `Prometheus ${prometheus.url}/`],
    ]);
  });

  it('the credentials never appear in an answer or a log line, even when Prometheus echoes them', async () => {
    prometheus.answer = { status: 400, body: apiError('bad_data', `unexpected header "Authorization: Bearer ${TOKEN}"`) };
    await start(yaml(prometheus.url));
    await failingWith('checkout', /^bad query since/);
    const answers = await Promise.all(
      ['/api/sources', '/api/services', '/api/services/checkout', '/api/services/checkout/history', '/api/alerts/unmapped'].map(async (path) =>
        (await fetch(`${board.url}${path}`)).text(),
      ),
    );
    expect(answers[0]).toContain('***');
    for (const text of answers) expect(text).not.toContain(TOKEN);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(TOKEN);
  });
});

/** A source started on its own, outside a board, with what it reports and refuses kept for the test. */
function startAlone(fields: Record<string, unknown>, context: Partial<SourceContext> = {}) {
  const reports: Array<[string, Observation]> = [];
  const failures: string[] = [];
  const running = prometheusSource.start(sourceSchema.parse({ id: 'prom', type: 'prometheus', ...fields }) as never, {
    services: ['checkout'],
    report: async (serviceId, observation) => void reports.push([serviceId, observation]),
    previous: () => null,
    received: () => undefined,
    failed: (reason) => void failures.push(reason),
    unmappedChanged: () => undefined,
    log: silentLogger(),
    now: Date.now,
    ...context,
  });
  return { running, reports, failures };
}

describe('the prometheus source stopping', () => {
  it('aborts the poll in flight, reports nothing after its stop, and never polls again', async () => {
    const stopped = await startFakePrometheus('hang');
    const control = await startFakePrometheus(NONE);
    const { running, reports } = startAlone({ url: stopped.url, interval: '1s', timeout: '1s' });
    const { running: controlRunning } = startAlone({ url: control.url, interval: '1s', timeout: '1s' });
    try {
      await waitFor(() => stopped.requests.length === 1, 'the first poll to arrive');
      await running.stop();
      await waitFor(() => stopped.abandoned === 1, 'the poll in flight to be given up');
      // While a source with the same interval polls twice more, the stopped one stays silent.
      const seen = control.requests.length;
      await waitFor(() => control.requests.length >= seen + 2, 'two more polls of the control source', { timeoutMs: 5_000 });
      expect(stopped.requests).toHaveLength(1);
      expect(reports).toEqual([]);
    } finally {
      await controlRunning.stop();
      await Promise.all([stopped.close(), control.close()]);
    }
  });
});

describe('the prometheus source after a restart', () => {
  const FAILING_SINCE = Date.parse('2026-11-22T01:00:00Z');
  const NOW = FAILING_SINCE + 3 * 3_600_000;
  const stored = (headline: string) => ({
    at: FAILING_SINCE + 3_000,
    outcome: 'unknown' as const,
    message: `${headline} since 01:00 UTC`,
    details: { pollFailure: { since: FAILING_SINCE, problem: { headline, cause: null } }, alerts: [] },
  });

  const firstPoll = async (previousHeadline: string) => {
    const prometheus = await startFakePrometheus({ status: 401, body: 'Unauthorized\n' });
    const { running, reports, failures } = startAlone({ url: prometheus.url, interval: '1h' }, { previous: () => stored(previousHeadline), now: () => NOW });
    try {
      // The report, if any, is made as the failure is noted.
      await waitFor(() => failures.length > 0, 'the first poll to fail');
      return reports;
    } finally {
      await running.stop();
      await prometheus.close();
    }
  };

  it('a poll failing as before keeps the "since" of before: nothing new to report', async () => {
    expect(await firstPoll('Prometheus refused the credentials (401)')).toEqual([]);
  });

  it('a poll failing another way starts its own "since"', async () => {
    expect((await firstPoll('Prometheus unreachable')).map(([id, o]) => [id, o.message])).toEqual([
      ['checkout', 'Prometheus refused the credentials (401) since 04:00 UTC'],
    ]);
  });
});

describe('the prometheus source in a config', () => {
  it.each([
    [{ interval: '500ms' }, 'interval', 'must be at least 1s'],
    [{ interval: '2h' }, 'interval', 'must be at most 1h'],
    [{ interval: '5s', timeout: '10s' }, 'timeout', 'must not be longer than interval: polls never overlap'],
    [{ url: 'ftp://127.0.0.1:9090' }, 'url', 'expected an http:// or https:// URL'],
    [{ bearerToken: 'token-0123456789', basicAuth: { username: 'a', password: 'b' } }, 'basicAuth', 'use only one of bearerToken, basicAuth'],
    [{ rules: [{ matchers: ['job'], service: 'db' }] }, 'rules', 'not a matcher'],
  ])('%j is refused, naming the field', (fields, field, message) => {
    const result = sourceSchema.safeParse({ id: 'prom', type: 'prometheus', url: 'http://127.0.0.1:9090', ...fields });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path[0]).toBe(field);
    expect(result.error!.issues[0]!.message).toContain(message);
  });

  it('polls every 15s by default, each poll cut at 5s, or at the interval when that is shorter', async () => {
    expect(sourceSchema.parse({ id: 'prom', type: 'prometheus', url: 'http://127.0.0.1:9090' })).toMatchObject({ interval: 15_000 });
    const prometheus = await startFakePrometheus('hang');
    const { running, failures } = startAlone({ url: prometheus.url, interval: '1s' });
    try {
      await waitFor(() => failures.length > 0, 'the first poll to be given up');
      expect(failures[0]).toBe('Prometheus did not answer within 1s');
    } finally {
      await running.stop();
      await prometheus.close();
    }
  });
});
