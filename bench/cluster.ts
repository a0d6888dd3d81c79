import type { ChildProcess } from 'node:child_process';
import { forkEntry, nextMessage, ofType } from './lib/child';
import { stopChild } from './lib/cleanup';
import { timeFanout } from './lib/cluster-fanout';
import { freshSchema, PostgresCpu, requireClusterDeps, startRedis, type RedisStats, type RedisUnderTest } from './lib/cluster-infra';
import { describeShares, launchInstances, sampleInstances, settled, settledNow, type Instance } from './lib/cluster-instances';
import { rhythmOf, type Rhythm } from './lib/cluster-lateness';
import { allCheckPaths, CLUSTER_PLAN, clusterBoard, FLIPPER, type ClusterPlan } from './lib/cluster-plan';
import { fanoutRows, loadRows, singleRows, type LoadResult } from './lib/cluster-rows';
import type { ClusterTargetReply, ClusterTargetRequest } from './lib/cluster-target-process';
import { sleep, type Benchmark, type Measure } from './lib/measure';
import { ProcSampler } from './lib/proc';
import type { BoardSpec } from './lib/server';
import { Target } from './lib/target';

const INSTANCE_IDS = ['a', 'b', 'c'];
/** Check intervals waited once the work is settled, before sampling (see measureLoad). */
const WARM_UP_INTERVALS = 2;
/** The runs, in order; `CLUSTER_RUNS=pubsub,sqlite` picks some. */
const RUNS = ['pubsub', 'sharded', 'sqlite', 'postgres'] as const;
type RunName = (typeof RUNS)[number];

/** What every run shares: the load, the target process, the flipped target, Redis. */
interface Context {
  plan: ClusterPlan;
  board: BoardSpec;
  paths: string[];
  target: ChildProcess;
  flipper: Target;
  redis: RedisUnderTest | null;
  cpuProfDir: string | undefined;
}

function selectedRuns(): RunName[] {
  const given = process.env.CLUSTER_RUNS?.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (!given) return [...RUNS];
  const unknown = given.filter((r) => !(RUNS as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`CLUSTER_RUNS: unknown run ${unknown.join(', ')}; known: ${RUNS.join(', ')}`);
  return RUNS.filter((r) => given.includes(r));
}

function ask<T extends ClusterTargetReply>(target: ChildProcess, request: ClusterTargetRequest, type: T['type']): Promise<T> {
  const reply = nextMessage(target, ofType<T>(type), 30_000, `the target's ${type}`);
  target.send(request);
  return reply;
}

/** What went through Redis per second since `before`: KB in (what the instances published) and out, and commands. */
async function trafficSince(redis: RedisUnderTest, before: RedisStats, seconds: number): Promise<LoadResult['redisTraffic']> {
  const after = await redis.stats();
  const perSecond = (n: number) => n / seconds;
  return {
    inKBps: perSecond(after.inputBytes - before.inputBytes) / 1024,
    outKBps: perSecond(after.outputBytes - before.outputBytes) / 1024,
    commandsPerSecond: perSecond(after.commands - before.commands),
  };
}

/** What was sampled over one window: each instance's use, and the processes around them. */
type Window = Pick<LoadResult, 'use' | 'redisCpu' | 'redisTraffic' | 'postgresCpu' | 'targetCpu'> & { from: number; to: number };

/** Samples each instance's CPU, RSS and metrics for the plan's window, and Redis's, PostgreSQL's and the target's CPU. */
async function sampleWindow(ctx: Context, instances: Instance[], withPostgres: boolean): Promise<Window> {
  const from = Date.now();
  const sampling = await sampleInstances(instances);
  const postgres = withPostgres ? new PostgresCpu() : null;
  const redis = ctx.redis && instances.length > 1 ? { cpu: new ProcSampler(ctx.redis.pid), stats: await ctx.redis.stats() } : null;
  const target = new ProcSampler(ctx.target.pid!);
  await sleep(ctx.plan.sampleS * 1_000);
  const to = Date.now();
  return {
    from,
    to,
    use: await sampling.finish(),
    postgresCpu: postgres?.percent() ?? null,
    redisCpu: redis?.cpu.finish().cpuPercent ?? null,
    redisTraffic: redis && (await trafficSince(ctx.redis!, redis.stats, (to - from) / 1_000)),
    targetCpu: target.finish().cpuPercent,
  };
}

/** Every check's rhythm over the window, from the target's hits (reaching back two intervals, for the first gaps). */
async function rhythmOver(ctx: Context, from: number, to: number): Promise<Rhythm> {
  const intervalMs = ctx.plan.intervalS * 1_000;
  const seen = await ask<Extract<ClusterTargetReply, { type: 'hits' }>>(ctx.target, { cmd: 'hits', since: from - 2 * intervalMs, until: to }, 'hits');
  return rhythmOf(ctx.paths, seen, intervalMs, from, to);
}

/**
 * Waits until every service is run by exactly one instance, and two intervals more; then
 * samples a window, and judges every check's rhythm over it. Says on the console what each
 * instance ran. Two intervals, because a first run that waited in the instance's queue
 * behind the start's thousands (seconds) often outlasts its next turn, which is skipped:
 * only the turn after is on the check's grid, and a gap ending there is the start's, not
 * the steady state's.
 */
async function measureLoad(ctx: Context, label: string, instances: Instance[], withPostgres: boolean): Promise<LoadResult> {
  const { plan } = ctx;
  const services = ctx.board.services.length;
  const before = await settled(instances, services, 180_000);
  const settleS = (performance.now() - Math.min(...instances.map((i) => i.spawnedAt))) / 1_000;
  console.log(`  ${label}: settled after ${settleS.toFixed(1)} s (${describeShares(before)}); two intervals more, then ${plan.sampleS} s sampled`);
  await sleep(WARM_UP_INTERVALS * plan.intervalS * 1_000 + 2_000);
  const { from, to, ...window } = await sampleWindow(ctx, instances, withPostgres);
  const rhythm = await rhythmOver(ctx, from, to);
  for (const u of window.use) {
    const owned = (before.get(u.id)?.services.length ?? 0) * plan.checksPerService;
    const seen = (rhythm.bySender[u.id.charAt(0)] ?? 0) / ((to - from) / 1_000);
    console.log(
      `  ${label}: ${u.id} ran ${u.runsPerSecond.toFixed(0)} checks/s, the target saw ${seen.toFixed(0)}/s from it (its ${owned} checks: ${(owned / plan.intervalS).toFixed(0)}/s)`,
    );
  }
  const after = await settledNow(instances, services);
  if (!after || describeShares(after) !== describeShares(before)) console.log(`  ${label}: the work moved while sampling: lateness may show it`);
  const shares = new Map([...(after ?? before)].map(([id, s]) => [id, s.services]));
  return { label, shares, settleS, ...window, rhythm };
}

/** What the instances logged at warn or above, each message once with its count, for the console. */
function reportProblems(instances: readonly Instance[]): void {
  for (const instance of instances) {
    const messages = new Map<string, number>();
    for (const line of instance.problems()) {
      // Lines are kept cut short, so read as text rather than JSON.
      const url = /"url":"([^"]*)"/.exec(line)?.[1];
      const status = /"statusCode":(\d+)/.exec(line)?.[1];
      const message = url ? `${url} answered ${status ?? '?'}` : (/"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 120));
      messages.set(message, (messages.get(message) ?? 0) + 1);
    }
    if (messages.size > 0) console.log(`  instance ${instance.id} logged: ${[...messages].map(([m, n]) => `${n} × ${m}`).join('; ')}`);
  }
}

/**
 * Starts instances (on a PostgreSQL schema of their own, or each on a fresh SQLite file),
 * runs `body` with them, then stops them and drops the schema.
 */
async function withInstances<T>(
  ctx: Context,
  name: string,
  setup: { ids: string[]; store: 'sqlite' | 'postgres'; env?: Record<string, string> },
  body: (instances: Instance[]) => Promise<T>,
): Promise<T> {
  await ask(ctx.target, { cmd: 'forget' }, 'forgotten');
  const schema = setup.store === 'postgres' ? freshSchema(`gb_bench_${name}`) : null;
  try {
    const instances = await launchInstances({
      name,
      board: ctx.board,
      ids: setup.ids,
      env: { ...(schema ? { DATABASE_URL: schema.databaseUrl } : {}), ...setup.env },
      cpuProfDir: ctx.cpuProfDir,
    });
    try {
      return await body(instances);
    } finally {
      reportProblems(instances);
      await Promise.all(instances.map((i) => i.stop()));
    }
  } finally {
    await schema?.drop();
  }
}

/** Three instances on PostgreSQL and Redis: the load, then the fan-out to boards spread over them. */
function clusterRun(ctx: Context, adapter: 'pubsub' | 'sharded'): Promise<Measure[]> {
  const label = `3 instances, REDIS_ADAPTER=${adapter}`;
  const env = { REDIS_URL: ctx.redis!.url, REDIS_ADAPTER: adapter };
  return withInstances(ctx, `cluster_${adapter}`, { ids: INSTANCE_IDS, store: 'postgres', env }, async (instances) => {
    const load = await measureLoad(ctx, label, instances, true);
    const owner = [...load.shares].find(([, services]) => services.includes(FLIPPER))![0];
    console.log(`  ${label}: fan-out to ${ctx.plan.clients} clients; ${FLIPPER} runs on ${owner}`);
    const times = await timeFanout({ instances, owner, serviceId: FLIPPER, target: ctx.flipper, clients: ctx.plan.clients, changes: ctx.plan.changes });
    return [...loadRows(ctx.plan, load), ...fanoutRows(ctx.plan, label, owner, times)];
  });
}

/** One instance alone, on SQLite (the default) or on PostgreSQL. */
function singleRun(ctx: Context, store: 'sqlite' | 'postgres'): Promise<LoadResult> {
  const label = `1 instance, ${store === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
  return withInstances(ctx, `single_${store}`, { ids: ['solo'], store }, (instances) => measureLoad(ctx, label, instances, store === 'postgres'));
}

/**
 * cluster: 20,000 HTTP checks (2,000 services × 10) every 30 s against a target in its own
 * process, run by three instances on PostgreSQL and Redis, once with each Redis adapter:
 * per-instance CPU and RSS and every check's lateness once the shards have settled, then
 * 3,000 boards spread over the instances timed as one service flips. Then the same load
 * on one instance with SQLite and with PostgreSQL, side by side. Needs PostgreSQL and
 * redis-server, so it runs only when named (`npm run bench -- cluster`). `CLUSTER_RUNS`
 * picks some of the runs; `BENCH_QUICK=1` runs a tenth of the load.
 */
export const cluster: Benchmark = async ({ cpuProfDir }) => {
  await requireClusterDeps();
  const runs = selectedRuns();
  const plan = CLUSTER_PLAN;
  const target = forkEntry('cluster-target-process');
  const flipper = new Target();
  let redis: RedisUnderTest | null = null;
  try {
    const { port } = await nextMessage(target, ofType<Extract<ClusterTargetReply, { type: 'ready' }>>('ready'), 15_000, 'the target');
    await flipper.listen();
    if (runs.includes('pubsub') || runs.includes('sharded')) redis = await startRedis();
    const ctx: Context = { plan, board: clusterBoard(plan, port, flipper.url()), paths: allCheckPaths(plan), target, flipper, redis, cpuProfDir };
    const measures: Measure[] = [];
    const singles: LoadResult[] = [];
    for (const run of runs) {
      if (run === 'pubsub' || run === 'sharded') measures.push(...(await clusterRun(ctx, run)));
      else singles.push(await singleRun(ctx, run));
    }
    return [...measures, ...singleRows(plan, singles)];
  } finally {
    await flipper.close();
    await redis?.stop();
    await stopChild(target, 2_000);
  }
};
