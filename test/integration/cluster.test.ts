import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentsResponse, SourcesResponse, UnmappedAlertsResponse } from '../../shared/api';
import { connectClient, type BoardClient } from '../helpers/board';
import {
  clusterOf,
  clusterRequirement,
  freshSchema,
  startCountingTarget,
  startInstance,
  startRedis,
  TEST_POSTGRES_URL,
  type CountingTarget,
  type RedisProcess,
  doubleRuns,
} from '../helpers/cluster';
import type { ServerProcess } from '../helpers/server-process';
import { endlessBody } from '../server/http/raw-http';
import { SmtpReceiver } from '../helpers/smtp-receiver';
import { waitFor } from '../helpers/wait';

const INTERVAL_MS = 3_000;
const SERVICES = Array.from({ length: 12 }, (_, i) => `s${i}`);
/** With the service a push source feeds. */
const ALL = [...SERVICES, 'nightly'];
const HOUR = 3_600_000;
const PUSH_TOKEN = 'push-token-for-the-cluster-test-0123456789';
const AM_TOKEN = 'alertmanager-token-for-the-cluster-test';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const cluster = await clusterRequirement();

type Instance = ServerProcess & { id: string; port: number };

/** The services each instance says it runs. */
async function shares(instances: Instance[]): Promise<Map<string, string[]>> {
  return new Map(await Promise.all(instances.map(async (i) => [i.id, (await clusterOf(i.url)).services] as [string, string[]])));
}

/**
 * Settled: every shard held by exactly one of these instances, each with about a fair share
 * of them, and every service run by exactly one.
 */
async function splitOver(instances: Instance[]): Promise<boolean> {
  const views = await Promise.all(instances.map((i) => clusterOf(i.url)));
  const shards = views.flatMap((v) => v.shards);
  const services = views.flatMap((v) => v.services);
  const fair = Math.floor(64 / instances.length) - 1;
  return (
    views.every((v) => v.shards.length >= fair) &&
    shards.length === 64 &&
    new Set(shards).size === 64 &&
    services.length === ALL.length &&
    new Set(services).size === ALL.length
  );
}

describe.skipIf(cluster.skip)('three instances on PostgreSQL and Redis', () => {
  let target: CountingTarget;
  let smtp: SmtpReceiver;
  let redis: RedisProcess;
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let config = '';
  let databaseUrl = '';
  const instances: Instance[] = [];
  const boards: BoardClient[] = [];

  beforeAll(async () => {
    [target, redis, schema] = await Promise.all([startCountingTarget(), startRedis(), freshSchema('gb_cluster')]);
    smtp = new SmtpReceiver();
    await smtp.listen();
    databaseUrl = `${TEST_POSTGRES_URL}?schema=${schema.name}`;
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 - HOUR).toISOString().slice(0, 19);
    config = join(mkdtempSync(join(tmpdir(), 'gb-cluster-')), 'board.yaml');
    writeFileSync(
      config,
      `
people:
  - { id: alice, name: Alice Liddell, contact: { email: alice@example.com }, notify: [{ via: mail }] }
teams:
  - id: payments
    name: Payments
    ackTimeout: 1h
    oncall:
      rotation: { timezone: UTC, shift: 1w, start: "${start}", members: [alice] }
notifiers:
  - { id: mail, type: email, host: 127.0.0.1, port: ${smtp.port}, from: greenboard@example.com }
paging: { groupWait: 0s }
sources:
  - { id: nightly, type: push, token: "${PUSH_TOKEN}", service: nightly, grace: 1h }
  - { id: am, type: alertmanager, token: "${AM_TOKEN}" }
services:
  - { id: nightly, name: Nightly export }
${SERVICES.map(
  (id) => `  - id: ${id}
    name: Service ${id}
    team: payments
    checks: [{ id: health, type: http, url: "${target.url}/${id}", interval: ${INTERVAL_MS / 1000}s, timeout: 1s, failureThreshold: 1 }]`,
).join('\n')}
`,
    );
  }, 60_000);

  afterAll(async () => {
    for (const board of boards) board.close();
    await Promise.all(instances.map((i) => i.kill('SIGKILL')));
    await Promise.all([target?.close(), smtp?.close(), redis?.stop()]);
    await schema?.drop();
  });

  const start = async (id: string, port?: number) => {
    const instance = await startInstance({ id, config, databaseUrl, redisUrl: redis.url, port });
    instances.push(instance);
    return instance;
  };
  const byId = (id: string) => instances.find((i) => i.id === id && i.child.exitCode === null && i.child.signalCode === null)!;
  const mails = (service: string) => smtp.mails.filter((m) => /DOWN/.test(m.parsed.subject ?? '') && (m.parsed.subject ?? '').includes(`Service ${service} `));

  it('share the services: each runs once, on one instance, and every board shows them all', async () => {
    await Promise.all(['a', 'b', 'c'].map((id) => start(id)));
    await waitFor(() => splitOver(instances), 'the services split over three instances', { timeoutMs: 20_000 });
    const a = byId('a');
    const board = await connectClient(a.url);
    boards.push(board);
    await waitFor(() => SERVICES.every((id) => board.service(id)?.status === 'up'), "every service up on a's board", { timeoutMs: 20_000 });
    // Two intervals of running once settled: no check ran twice in one interval.
    const since = Date.now();
    await waitFor(
      () => Date.now() - since > 2 * INTERVAL_MS && SERVICES.every((s) => (target.hits.get(`/${s}`)?.length ?? 0) >= 3),
      'a few runs of every check',
      {
        timeoutMs: 20_000,
      },
    );
    for (const s of SERVICES)
      expect(
        doubleRuns(
          (target.hits.get(`/${s}`) ?? []).filter((t) => t >= since),
          INTERVAL_MS,
        ),
        s,
      ).toBe(0);
  }, 90_000);

  it('serve the metrics docs/metrics.md lists for PostgreSQL and several instances; the shards held add up to 64', async () => {
    const page = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    const documented = [...page.split('### With PostgreSQL, and with several instances')[1]!.matchAll(/^\| `(greenboard_[a-z_]+)` \| (\w+) \|/gm)];
    expect(documented.length).toBeGreaterThanOrEqual(5);
    let shards = 0;
    for (const instance of [byId('a'), byId('b'), byId('c')]) {
      const text = await (await fetch(`${instance.url}/metrics`)).text();
      for (const [, name, type] of documented) expect(text, `${instance.id} serves ${name}`).toContain(`# TYPE ${name} ${type}`);
      expect(text).toMatch(/^greenboard_cluster_members 3$/m);
      expect(text).toMatch(/^greenboard_cluster_linked 1$/m);
      shards += Number(/^greenboard_cluster_shards_held (\d+)$/m.exec(text)![1]);
    }
    expect(shards).toBe(64);
  });

  it('a board on one instance sees at once what another detects; the page goes out once, and an acknowledgement on a third reaches it', async () => {
    const all = [byId('a'), byId('b'), byId('c')];
    const board = boards[0]!;
    // A service run by b or c (whichever runs a checked one), watched from a.
    const map = await shares(all);
    const c = [byId('c'), byId('b')].find((i) => map.get(i.id)!.some((s) => SERVICES.includes(s)))!;
    const watched = map.get(c.id)!.find((s) => SERVICES.includes(s))!;
    target.setStatus(`/${watched}`, 503);
    await waitFor(() => board.service(watched)?.status === 'down', `${watched} down on a's board`, { timeoutMs: 15_000 });
    await waitFor(() => mails(watched).length === 1, `the page for ${watched}`, { timeoutMs: 15_000 });
    const { incidents } = (await (await fetch(`${byId('a').url}/api/incidents?service=${watched}`)).json()) as IncidentsResponse;
    const incident = incidents.find((i) => i.serviceId === watched && i.status === 'open')!;
    expect(incident).toBeDefined();
    // Acknowledged on b, which does not run the service: c decides, and every instance shows it.
    const third = all.find((i) => i.id !== 'a' && i.id !== c.id)!;
    const ack = await fetch(`${third.url}/api/incidents/${incident.id}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ack.status).toBe(200);
    await waitFor(async () => {
      const { incidents: seen } = (await (await fetch(`${c.url}/api/incidents?service=${watched}`)).json()) as IncidentsResponse;
      return seen.find((i) => i.id === incident.id)?.status === 'acknowledged';
    }, 'the acknowledgement at the instance that runs the service');
    const sent = mails(watched).map((m) => `${m.parsed.date?.toISOString()} ${m.parsed.subject}`);
    expect(sent.length, sent.join('\n')).toBe(1);
  }, 60_000);

  it('a push may reach any instance: each is recorded once, by the instance running the source, and every board shows it', async () => {
    const all = [byId('a'), byId('b'), byId('c')];
    const board = boards[0]!;
    for (const [n, instance] of all.entries()) {
      const status = n % 2 === 0 ? 'down' : 'up';
      const answer = await fetch(`${instance.url}/api/push/${PUSH_TOKEN}?status=${status}&msg=run-${n}`, { method: 'POST' });
      expect(answer.status, `a push to ${instance.id}`).toBeLessThan(300);
      await waitFor(
        () => board.service('nightly')?.status === status && board.service('nightly')?.checks[0]?.message === `run-${n}`,
        `push ${n} via ${instance.id} on a's board`,
      );
    }
    // One source, run by one instance, which took all three.
    const lists = await Promise.all(
      all.map(async (i) => ((await (await fetch(`${i.url}/api/sources`)).json()) as { sources: Array<{ id: string; health: { received: number } }> }).sources),
    );
    expect(Math.max(...lists.map((l) => l.find((s) => s.id === 'nightly')!.health.received))).toBe(3);
    // Every instance lists its health as the one running it has it.
    await waitFor(async () => {
      const received = await Promise.all(
        all.map(
          async (i) => ((await (await fetch(`${i.url}/api/sources`)).json()) as SourcesResponse).sources.find((s) => s.id === 'nightly')!.health.received,
        ),
      );
      return received.every((n) => n === 3);
    }, "the push source's health the same on every instance");
    // An unknown token is still a 404 wherever it lands, and is not handed on.
    for (const instance of all) expect((await fetch(`${instance.url}/api/push/not-a-token-of-any-source-here`, { method: 'POST' })).status).toBe(404);
  });

  it('alerts that fit no service, held by the instance running their source, are on every board and listed by every instance', async () => {
    const all = [byId('a'), byId('b'), byId('c')];
    // A board on an instance that does not run the source: what it shows was told by another.
    const runners = await Promise.all(all.map(async (i) => (await clusterOf(i.url)).sources.includes('am')));
    expect(runners.filter(Boolean)).toHaveLength(1);
    const board = await connectClient(all[runners.indexOf(false)]!.url);
    boards.push(board);
    // The captured payload names services (checkout) this board does not have: both alerts fit none.
    const firing = readFileSync(join(FIXTURES, 'alertmanager', 'webhook-firing.json'), 'utf8');
    for (const instance of all) {
      const answer = await fetch(`${instance.url}/api/sources/am/webhook`, {
        method: 'POST',
        headers: { authorization: `Bearer ${AM_TOKEN}`, 'content-type': 'application/json' },
        body: firing,
      });
      expect(answer.status, `the webhook to ${instance.id}`).toBeLessThan(300);
    }
    // Too large, at an instance that would hand it on: refused there, as the runner would, not "unreachable".
    const tooLarge = await fetch(`${all[runners.indexOf(false)]!.url}/api/sources/am/webhook`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AM_TOKEN}`, 'content-type': 'application/json' },
      body: endlessBody().stream,
      duplex: 'half',
    } as RequestInit);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    await waitFor(() => board.notices.some((n) => n.code === 'unmapped-alerts' && /^2 alerts fit no service/.test(n.message)), 'the notice on the board');
    await waitFor(async () => {
      const lists = await Promise.all(all.map(async (i) => ((await (await fetch(`${i.url}/api/alerts/unmapped`)).json()) as UnmappedAlertsResponse).alerts));
      return lists.every(
        (alerts) =>
          alerts
            .map((a) => a.alertname)
            .sort()
            .join() === 'ProbeFailed,ServiceDown',
      );
    }, 'the two alerts listed by every instance');
    // Resolved: gone from every board and every list.
    const resolved = readFileSync(join(FIXTURES, 'alertmanager', 'webhook-resolved.json'), 'utf8');
    await fetch(`${all[1]!.url}/api/sources/am/webhook`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AM_TOKEN}`, 'content-type': 'application/json' },
      body: resolved,
    });
    await waitFor(() => !board.notices.some((n) => n.code === 'unmapped-alerts'), 'the notice gone from the board');
  });

  it('an instance killed with SIGKILL: its checks move to the others within two intervals, none runs twice, nobody is paged again; back, it takes a share', async () => {
    const b = byId('b');
    // Its checked services (a push-fed one has no runs to time).
    const bServices = (await clusterOf(b.url)).services.filter((s) => SERVICES.includes(s));
    const pagesBefore = smtp.mails.length;
    // One of b's services goes down just before it dies: its incident must open once, wherever.
    const failing = bServices[0]!;
    target.setStatus(`/${failing}`, 503);
    await waitFor(() => mails(failing).length === 1, `the page for ${failing}`, { timeoutMs: 15_000 });
    // Killed once the page is recorded as sent (as any crash-safe pager, one killed between
    // sending and recording sends it again after the restart: at least once, never lost).
    await waitFor(async () => {
      const { incidents } = (await (await fetch(`${byId('a').url}/api/incidents?service=${failing}`)).json()) as IncidentsResponse;
      return incidents.find((i) => i.serviceId === failing)?.pages.some((p) => p.status === 'sent');
    }, `the page for ${failing} recorded as sent`);
    const killedAt = Date.now();
    expect((await b.kill('SIGKILL')).signal).toBe('SIGKILL');
    const lastBefore = new Map(bServices.map((s) => [s, Math.max(...(target.hits.get(`/${s}`) ?? [0]).filter((t) => t <= killedAt))]));
    const survivors = [byId('a'), byId('c')];
    await waitFor(() => splitOver(survivors), "b's services taken by a and c", { timeoutMs: 2 * INTERVAL_MS + 5_000 });
    // Each of b's checks ran again within two intervals of its last run there.
    await waitFor(() => bServices.every((s) => (target.hits.get(`/${s}`) ?? []).some((t) => t > killedAt)), "b's checks running again", {
      timeoutMs: 2 * INTERVAL_MS + 5_000,
    });
    for (const s of bServices) {
      const next = (target.hits.get(`/${s}`) ?? []).find((t) => t > killedAt)!;
      expect(next - lastBefore.get(s)!, `${s}: from its last run on b to its first elsewhere`).toBeLessThanOrEqual(2 * INTERVAL_MS);
    }
    // Back: b takes a share again, from the others, with no check run twice at the handover.
    const back = await start('b', b.port);
    await waitFor(() => splitOver([byId('a'), back, byId('c')]), 'b back with a share', { timeoutMs: 20_000 });
    const since = Date.now();
    await waitFor(() => Date.now() - since > 2 * INTERVAL_MS, 'two intervals after the rebalance', { timeoutMs: 3 * INTERVAL_MS });
    for (const s of SERVICES) {
      const runs = (target.hits.get(`/${s}`) ?? []).filter((t) => t > killedAt - INTERVAL_MS);
      expect(
        doubleRuns(
          runs.filter((t) => t > killedAt),
          INTERVAL_MS,
        ),
        `${s}: ${runs.map((t) => t - killedAt).join(', ')} (ms from the kill; b was ${bServices.includes(s) ? '' : 'not '}running it)`,
      ).toBe(0);
    }
    // Nobody paged twice: one page per service that went down.
    const sent = mails(failing).map((m) => `${m.parsed.date?.toISOString()} ${m.parsed.subject}`);
    expect(sent.length, sent.join('\n')).toBe(1);
    expect(smtp.mails.length).toBe(pagesBefore + 1);
  }, 120_000);
});
