import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse, ServicesResponse } from '../../shared/api';
import { connectClient, type BoardClient } from '../helpers/board';
import {
  clusterOf,
  clusterRequirement,
  doubleRuns,
  freshSchema,
  startCountingTarget,
  startInstance,
  startRedis,
  TEST_POSTGRES_URL,
  type CountingTarget,
  type RedisProcess,
} from '../helpers/cluster';
import type { ServerProcess } from '../helpers/server-process';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { waitFor } from '../helpers/wait';

const INTERVAL_MS = 2_000;
const SERVICES = Array.from({ length: 9 }, (_, i) => `s${i}`);
/** How long each dependency is taken away: long enough for every freshness window to run out. */
const OUTAGE_MS = 20_000;
/** Past the rejoin grace (three lease rounds) and one more interval: any double run would have shown. */
const REJOIN_MS = 3 * 2_000 + INTERVAL_MS;

const cluster = await clusterRequirement();

type Instance = ServerProcess & { id: string; port: number };

/** Every check has run `times` times since `since`: the instances kept checking. */
const ranSince = (target: CountingTarget, since: number, times: number) =>
  SERVICES.every((s) => (target.hits.get(`/${s}`) ?? []).filter((t) => t > since).length >= times);

describe.skipIf(cluster.skip)('three instances when a dependency goes away', () => {
  let target: CountingTarget;
  let redis: RedisProcess;
  let proxy: TcpProxy;
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  const instances: Instance[] = [];
  let board: BoardClient;
  /** The instance the board watches, and another that runs services. */
  let home: Instance;
  let other: Instance;

  beforeAll(async () => {
    [target, redis, schema] = await Promise.all([startCountingTarget(), startRedis(), freshSchema('gb_outage')]);
    // PostgreSQL as the instances see it: through a proxy the test can cut.
    const postgres = new URL(TEST_POSTGRES_URL);
    proxy = await startTcpProxy(Number(postgres.port || 5432), postgres.hostname);
    postgres.port = String(proxy.port);
    postgres.searchParams.set('schema', schema.name);
    const config = join(mkdtempSync(join(tmpdir(), 'gb-outage-')), 'board.yaml');
    writeFileSync(
      config,
      `services:\n${SERVICES.map(
        (id) =>
          `  - id: ${id}\n    name: Service ${id}\n    checks: [{ id: health, type: http, url: "${target.url}/${id}", interval: ${INTERVAL_MS / 1000}s, timeout: 1s, failureThreshold: 1 }]`,
      ).join('\n')}\n`,
    );
    for (const id of ['a', 'b', 'c']) instances.push(await startInstance({ id, config, databaseUrl: postgres.toString(), redisUrl: redis.url }));
    await waitFor(
      async () => {
        const shares = await Promise.all(instances.map(async (i) => (await clusterOf(i.url)).services));
        return shares.every((s) => s.length > 0) && shares.flat().length === SERVICES.length;
      },
      'the services split over three instances',
      { timeoutMs: 20_000 },
    );
    // The board watches an instance that runs some checked service, and another one runs some too.
    const views = await Promise.all(instances.map((i) => clusterOf(i.url)));
    const running = instances.filter((_, n) => views[n]!.services.length > 0);
    [home, other] = [running[0]!, running[1]!];
    board = await connectClient(home.url);
    await waitFor(() => SERVICES.every((id) => board.service(id)?.status === 'up'), 'every service up on the board', { timeoutMs: 20_000 });
  }, 90_000);

  afterAll(async () => {
    board?.close();
    await Promise.all(instances.map((i) => i.kill('SIGKILL')));
    await Promise.all([target?.close(), redis?.stop(), proxy?.close()]);
    await schema?.drop();
  });

  const servicesOf = async (instance: Instance) => (await clusterOf(instance.url)).services;
  const notice = (code: string) => board.notices.some((n) => n.code === code);

  it('Redis away for 20 s: every instance keeps checking, each board shows its own instance\'s changes under a "partial view" notice; back, the view is whole by itself', async () => {
    const [homeOwn, otherOwn] = [(await servicesOf(home))[0]!, (await servicesOf(other))[0]!];
    const stoppedAt = Date.now();
    await redis.stop();
    await waitFor(() => notice('partial-view'), 'the partial-view notice on the board', { timeoutMs: 10_000 });
    // The same notice for a script that reads the board over HTTP.
    const listed = (await (await fetch(`${home.url}/api/services`)).json()) as ServicesResponse;
    expect(listed.notices?.map((n) => n.code)).toContain('partial-view');
    // The home instance's own service going down still reaches its board; the other's does not, and it is not shown up either.
    target.setStatus(`/${homeOwn}`, 503);
    target.setStatus(`/${otherOwn}`, 503);
    await waitFor(() => board.service(homeOwn)?.status === 'down', `${homeOwn} down on the board while Redis is away`, { timeoutMs: 10_000 });
    await waitFor(() => board.service(otherOwn)?.status === 'unknown', `${otherOwn}, checked elsewhere, unknown on the board rather than up`, {
      timeoutMs: 15_000,
    });
    // The outage lasts while every check runs on: ten intervals, about 20 s.
    await waitFor(() => ranSince(target, stoppedAt, OUTAGE_MS / INTERVAL_MS), 'every check running through the outage', { timeoutMs: OUTAGE_MS + 10_000 });
    await redis.start();
    await waitFor(() => !notice('partial-view'), 'the notice gone once Redis is back', { timeoutMs: 15_000 });
    await waitFor(() => board.service(otherOwn)?.status === 'down', `${otherOwn} shown down on the board once back`, { timeoutMs: 10_000 });
    // Every instance tells its services whole once it is back in touch: the rest are up again, none left unknown.
    await waitFor(
      () => SERVICES.filter((s) => s !== homeOwn && s !== otherOwn).every((s) => board.service(s)?.status === 'up'),
      'the other services up again',
      {
        timeoutMs: 10_000,
      },
    );
    target.setStatus(`/${homeOwn}`, 200);
    target.setStatus(`/${otherOwn}`, 200);
    await waitFor(() => SERVICES.every((s) => board.service(s)?.status === 'up'), 'every service up again', { timeoutMs: 15_000 });
  }, 90_000);

  it('PostgreSQL away for 20 s: checks go on, /readyz says not ready and boards say history is not saved; back, every result is written and all recovers by itself', async () => {
    const cutAt = Date.now();
    proxy.cut();
    await waitFor(
      async () => (await Promise.all(instances.map(async (i) => (await fetch(`${i.url}/readyz`)).status))).every((s) => s === 503),
      'every /readyz at 503',
      {
        timeoutMs: 15_000,
      },
    );
    await waitFor(() => notice('history-not-saved'), 'the history notice on the board', { timeoutMs: 10_000 });
    // Changes still reach every board meanwhile: Redis is there.
    const otherOwn = (await servicesOf(other)).at(-1)!;
    target.setStatus(`/${otherOwn}`, 503);
    await waitFor(() => board.service(otherOwn)?.status === 'down', `${otherOwn} down on the board while PostgreSQL is away`, { timeoutMs: 10_000 });
    await waitFor(() => ranSince(target, cutAt, OUTAGE_MS / INTERVAL_MS), 'every check running through the outage', { timeoutMs: OUTAGE_MS + 10_000 });
    const runsDuringOutage = (target.hits.get(`/${otherOwn}`) ?? []).filter((t) => t > cutAt).length;
    const held = Number(/^greenboard_store_held_results (\d+)$/m.exec(await (await fetch(`${other.url}/metrics`)).text())?.[1]);
    expect(held).toBeGreaterThan(0);
    proxy.restore();
    const restoredAt = Date.now();
    await waitFor(
      async () => (await Promise.all(instances.map(async (i) => (await fetch(`${i.url}/readyz`)).status))).every((s) => s === 200),
      'every /readyz at 200',
      {
        timeoutMs: 20_000,
      },
    );
    await waitFor(() => !notice('history-not-saved'), 'the history notice gone', { timeoutMs: 10_000 });
    // Nothing lost: every run of the outage is in the history, written late.
    const history = (await (
      await fetch(`${home.url}/api/services/${otherOwn}/history?from=${new Date(cutAt).toISOString()}&to=${new Date(restoredAt).toISOString()}`)
    ).json()) as HistoryResponse;
    expect(history.results.length).toBeGreaterThanOrEqual(runsDuringOutage - 1);
    const metrics = await (await fetch(`${other.url}/metrics`)).text();
    expect(metrics).toMatch(/^greenboard_store_dropped_results_total 0$/m);
    expect(metrics).toMatch(/^greenboard_store_held_results 0$/m);
    // Still one instance per service, and none ran twice as the instances came back one by one.
    const shares = await Promise.all(instances.map((i) => servicesOf(i)));
    expect(shares.flat().sort()).toEqual([...SERVICES].sort());
    await waitFor(() => Date.now() - restoredAt > REJOIN_MS, 'every instance past its rejoin grace', { timeoutMs: REJOIN_MS + 5_000 });
    for (const s of SERVICES)
      expect(
        doubleRuns(
          (target.hits.get(`/${s}`) ?? []).filter((t) => t > cutAt),
          INTERVAL_MS,
        ),
        s,
      ).toBe(0);
    target.setStatus(`/${otherOwn}`, 200);
  }, 120_000);
});
