import type { ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentsResponse } from '../shared/api';
import { HEARTBEAT_STALE_MS } from '../shared/events';
import { forkEntry, nextMessage, ofType } from './lib/child';
import { keepDir, stopChild, tempDir } from './lib/cleanup';
import { percentile, quickRun, sleep, type Benchmark, type Measure } from './lib/measure';
import { peakRssMb, rssMb } from './lib/proc';
import { allChecked, launchServer } from './lib/server';
import { metricTotal, scrapeMetrics } from './lib/server-metrics';
import type { BoardTally, SoakBoardsReply, SoakBoardsRequest } from './lib/soak-boards-process';
import { changePercent, gridLateness, referenceSecond, SOAK_SERVICES, soakPlan, CHECKS_PER_SERVICE, type SoakPlan } from './lib/soak-plan';
import type { SoakTargetReply, SoakTargetRequest } from './lib/soak-target-process';

const BOARDS = 300;
const RELOADS_PER_MINUTE = 10;
/** A reloading screen is back within this long. */
const RELOAD_WITHIN_MS = 5_000;
const SAMPLE_EVERY_S = 30;
const MB = 1024 * 1024;

/** `SOAK_MINUTES` (whole or fractional minutes); 30 by default, 3 with `BENCH_QUICK=1`. */
function soakMinutes(): number {
  const given = process.env.SOAK_MINUTES;
  if (given === undefined || given === '') return quickRun ? 3 : 30;
  const minutes = Number(given);
  if (!Number.isFinite(minutes) || minutes < 1) throw new Error(`SOAK_MINUTES must be a number of minutes, at least 1 (got "${given}")`);
  return minutes;
}

/** One reading of the server, every SAMPLE_EVERY_S. */
interface Sample {
  second: number;
  rssMb: number;
  heapUsedMb: number;
  /** Event-loop delay since the previous reading (the server's histogram is reset at each scrape). */
  loopP99Ms: number;
  loopMaxMs: number;
  checkRuns: number;
  boardsOpen: number;
}

const CSV_HEAD = 'second,rss_mb,heap_used_mb,eventloop_p99_ms,eventloop_max_ms,check_runs_total,boards_open';
const csvLine = (s: Sample) =>
  [s.second, s.rssMb.toFixed(1), s.heapUsedMb.toFixed(1), s.loopP99Ms.toFixed(1), s.loopMaxMs.toFixed(1), s.checkRuns, s.boardsOpen].join(',');

async function readServer(url: string, pid: number, second: number): Promise<Sample> {
  const metrics = await scrapeMetrics(url);
  return {
    second,
    rssMb: rssMb(pid),
    heapUsedMb: metricTotal(metrics, 'nodejs_heap_size_used_bytes') / MB,
    loopP99Ms: metricTotal(metrics, 'nodejs_eventloop_lag_p99_seconds') * 1_000,
    loopMaxMs: metricTotal(metrics, 'nodejs_eventloop_lag_max_seconds') * 1_000,
    checkRuns: metricTotal(metrics, 'greenboard_check_runs_total'),
    boardsOpen: metricTotal(metrics, 'greenboard_boards_open'),
  };
}

/** Sends a child a request and waits for its reply of `type`. */
function ask<Reply extends { type: string }>(child: ChildProcess, request: SoakBoardsRequest | SoakTargetRequest, type: Reply['type'], timeoutMs: number) {
  const reply = nextMessage(child, ofType<Reply>(type), timeoutMs, `the ${type} reply`);
  child.send(request);
  return reply;
}

type Cycled = Extract<SoakBoardsReply, { type: 'cycled' }>;
interface RestCall {
  route: string;
  ms: number;
  status: number;
}

/** What people opening pages ask: the board's list, one service's history, the uptime page. */
async function restCalls(url: string): Promise<RestCall[]> {
  const id = `service-${String(Math.floor(Math.random() * SOAK_SERVICES)).padStart(3, '0')}`;
  const calls: RestCall[] = [];
  for (const [route, path] of [
    ['GET /api/services', '/api/services'],
    ['GET /api/services/{id}/history', `/api/services/${id}/history`],
    ['GET /api/uptime', '/api/uptime?window=24h'],
  ] as const) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`).catch(() => null);
    await res?.arrayBuffer();
    calls.push({ route, ms: performance.now() - started, status: res?.status ?? 0 });
  }
  return calls;
}

/**
 * The run itself: a reading every SAMPLE_EVERY_S from 0 to the end (each also appended to
 * `csvFile`), and in the middle of every minute RELOADS_PER_MINUTE boards reloading and
 * the REST calls of people opening pages.
 */
async function runTimeline(url: string, pid: number, boards: ChildProcess, seconds: number, csvFile: string) {
  const samples: Sample[] = [];
  const cycles: Array<Promise<Cycled>> = [];
  const rest: Array<Promise<RestCall[]>> = [];
  const started = performance.now();
  const at = (second: number) => sleep(Math.max(0, started + second * 1_000 - performance.now()));
  const minuteJobs = Array.from({ length: Math.ceil(seconds / 60) }, (_, m) => m * 60 + 15).filter((s) => s + 15 < seconds);
  const sampleTimes = Array.from({ length: Math.floor(seconds / SAMPLE_EVERY_S) + 1 }, (_, i) => i * SAMPLE_EVERY_S);
  if (sampleTimes.at(-1) !== seconds) sampleTimes.push(seconds);
  const timeline = [...sampleTimes.map((s) => ({ s, job: 'sample' as const })), ...minuteJobs.map((s) => ({ s, job: 'minute' as const }))].sort(
    (a, b) => a.s - b.s,
  );
  for (const { s, job } of timeline) {
    await at(s);
    if (job === 'minute') {
      cycles.push(ask<Cycled>(boards, { cmd: 'cycle', count: RELOADS_PER_MINUTE, withinMs: RELOAD_WITHIN_MS }, 'cycled', 40_000));
      rest.push(restCalls(url));
      continue;
    }
    const sample = await readServer(url, pid, s);
    samples.push(sample);
    appendFileSync(csvFile, `${csvLine(sample)}\n`);
    const minute = (s / 60).toFixed(1);
    console.log(`  ${minute} min: RSS ${sample.rssMb.toFixed(0)} MB, heap ${sample.heapUsedMb.toFixed(0)} MB, loop p99 ${sample.loopP99Ms.toFixed(0)} ms`);
  }
  return { samples, cycles: await Promise.all(cycles), rest: (await Promise.all(rest)).flat() };
}

/** Every HTTP check's lateness over the run (from `from`, Date.now()), from when the target saw each run. */
function lateness(plan: SoakPlan, arrivals: Record<string, number[]>, from: number) {
  const late: number[] = [];
  let missed = 0;
  for (const [path, intervalMs] of plan.httpIntervals) {
    const check = gridLateness(arrivals[path] ?? [], intervalMs, from);
    late.push(...check.lateMs);
    missed += check.missed;
  }
  return { late, missed };
}

/**
 * soak: 2,000 checks (500 services: http with and without `bodyContains`, tcp, and a few
 * paths that fail now and then, so incidents open and close all along) against a target in
 * its own process, and 300 boards in another, for 30 minutes (`SOAK_MINUTES`). Every
 * minute ten boards reload and three REST calls are made. The server's RSS (/proc), heap
 * and event-loop delay (its /metrics) are read every 30 s; memory is flat when the RSS at
 * the end is within 10 % of minute 5's.
 */
export const soak: Benchmark = async ({ cpuProfDir }) => {
  const minutes = soakMinutes();
  const seconds = Math.round(minutes * 60);
  const target = forkEntry('soak-target-process');
  const boards = forkEntry('soak-boards-process');
  const seriesDir = tempDir('soak-series');
  keepDir(seriesDir);
  const csvFile = join(seriesDir, 'soak-series.csv');
  writeFileSync(csvFile, `${CSV_HEAD}\n`);
  try {
    const ports = await nextMessage(target, ofType<Extract<SoakTargetReply, { type: 'ready' }>>('ready'), 15_000, 'the target');
    const plan = soakPlan({ http: ports.httpPort, tcp: ports.tcpPort });
    await ask(target, { cmd: 'weather', flaky: plan.flaky }, 'weather', 5_000);
    const server = await launchServer('soak', plan.board, cpuProfDir);
    try {
      await server.ready(60_000);
      // The server makes its process metrics (event-loop delay, GC) at the first scrape: from here, not from the first reading.
      await scrapeMetrics(server.url);
      await allChecked(server.url, 120_000);
      const opened = await ask<Extract<SoakBoardsReply, { type: 'opened' }>>(boards, { cmd: 'open', url: server.url, count: BOARDS }, 'opened', 120_000);
      // Measured from here on: the start-up (first runs, boards opening) is not the steady state.
      const from = Date.now();
      console.log(`  ${opened.ok} boards open; soaking for ${minutes} min; series in ${csvFile}`);
      const run = await runTimeline(server.url, server.pid, boards, seconds, csvFile);
      const board = await ask<Extract<SoakBoardsReply, { type: 'report' }>>(boards, { cmd: 'report' }, 'report', 10_000);
      const world = await ask<Extract<SoakTargetReply, { type: 'report' }>>(target, { cmd: 'report' }, 'report', 30_000);
      const incidents = (await (
        await fetch(`${server.url}/api/incidents?from=${encodeURIComponent(new Date(from).toISOString())}`)
      ).json()) as IncidentsResponse;
      console.log(`  the sampled series: ${csvFile}`);
      return measures({ minutes, seconds, from, plan, opened, run, board, world, incidents: incidents.incidents.length, hwmMb: peakRssMb(server.pid) });
    } finally {
      await server.stop();
    }
  } finally {
    await Promise.all([stopChild(boards, 2_000), stopChild(target, 2_000)]);
  }
};

interface Observed {
  minutes: number;
  seconds: number;
  /** Date.now() when the run proper began. */
  from: number;
  plan: SoakPlan;
  opened: Extract<SoakBoardsReply, { type: 'opened' }>;
  run: Awaited<ReturnType<typeof runTimeline>>;
  board: Extract<SoakBoardsReply, { type: 'report' }>;
  world: Extract<SoakTargetReply, { type: 'report' }>;
  incidents: number;
  hwmMb: number;
}

const failures = (failed: Record<string, number>) => Object.values(failed).reduce((a, b) => a + b, 0);
const sumOf = (boards: readonly BoardTally[], key: keyof BoardTally) => boards.reduce((sum, b) => sum + b[key], 0);

const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({ benchmark: 'soak', measure, value, unit, goal });

/** Memory and the event loop, from the readings; growth judged from minute 5 (or 40 % of a short run) to the end. */
function serverRows(o: Observed): Measure[] {
  const { samples } = o.run;
  const ref = samples.find((s) => s.second === referenceSecond(o.seconds, SAMPLE_EVERY_S)) ?? samples[0]!;
  const end = samples.at(-1)!;
  // A run under 6 minutes has no steady minute 5: it is judged from 40 % of the way.
  const refAt = o.seconds >= 360 ? 'minute 5' : `${(ref.second / 60).toFixed(1)} min`;
  const refWhy = o.seconds >= 360 ? '' : ` (40 % of this ${o.minutes}-minute run: under 6 minutes there is no minute 5)`;
  const runsPerSecond = (end.checkRuns - samples[0]!.checkRuns) / (end.second - samples[0]!.second);
  return [
    m(`server RSS at ${refAt}${refWhy}`, ref.rssMb, 'MB'),
    m(`server RSS at the end (${o.minutes} min)`, end.rssMb, 'MB'),
    m(`server RSS growth, ${refAt} → end (flat: within 10 %)`, changePercent(ref.rssMb, end.rssMb), '%', { op: '<=', limit: 10 }),
    m(`server RSS, peak of the ${samples.length} samples`, Math.max(...samples.map((s) => s.rssMb)), 'MB'),
    m('server RSS, peak since start (VmHWM)', o.hwmMb, 'MB'),
    m(`server heap used at ${refAt}`, ref.heapUsedMb, 'MB'),
    m('server heap used at the end', end.heapUsedMb, 'MB'),
    // The first reading's window is the start-up's (boards opening).
    m('server event-loop delay p99, worst 30 s window (10 ms sampling resolution)', Math.max(...samples.slice(1).map((s) => s.loopP99Ms)), 'ms'),
    m('server event-loop delay, longest', Math.max(...samples.slice(1).map((s) => s.loopMaxMs)), 'ms'),
    m(`check runs per second, counted by the server (ideal ${o.plan.idealRunsPerSecond.toFixed(1)})`, runsPerSecond, '/s'),
  ];
}

/** The checks as the watched world saw them, and the incidents they caused. */
function worldRows(o: Observed): Measure[] {
  const { late, missed } = lateness(o.plan, o.world.arrivals, o.from);
  return [
    m(`http check lateness behind its own grid, p99 (${late.length} runs)`, percentile(late, 99), 'ms'),
    m('http check lateness, max', percentile(late, 100), 'ms'),
    m('http check turns that never reached the target', missed, 'count'),
    m('503s answered by the flaky paths', o.world.failed, 'count'),
    m('incidents opened during the run', o.incidents, 'count'),
    m("incident webhooks received by the teams' receiver", o.world.pages, 'count'),
  ];
}

/** What the wall screens saw, and what people opening pages were answered. */
function boardRows(o: Observed): Measure[] {
  const boards = o.board.boards;
  const deltas = boards.map((b) => b.deltas);
  const reloadMs = o.run.cycles.flatMap((c) => c.snapshotMs);
  const rest = o.run.rest;
  const restMax = (route: string) => Math.max(...rest.filter((c) => c.route === route).map((c) => c.ms));
  return [
    m(`boards connected at the start (of ${BOARDS})`, o.opened.ok, 'count'),
    m('boards connected at the end', o.board.connected, 'count'),
    m('deltas broadcast since the first board opened', o.board.highestSeq - o.opened.seqAtOpen, 'count'),
    m('deltas received per board, median', percentile(deltas, 50), 'count'),
    m('deltas received per board, fewest', percentile(deltas, 0), 'count'),
    m('deltas a connected board missed (a gap in seq), all boards', sumOf(boards, 'gaps'), 'count', { op: '<=', limit: 0 }),
    m(
      `boards that went ${HEARTBEAT_STALE_MS / 1_000} s without a heartbeat while connected`,
      boards.filter((b) => b.longestSilenceMs > HEARTBEAT_STALE_MS).length,
      'count',
      { op: '<=', limit: 0 },
    ),
    m('longest time any connected board went without a heartbeat', Math.max(...boards.map((b) => b.longestSilenceMs)) / 1_000, 's'),
    m("the boards' own process: longest event-loop delay (a silence this long may be the load generator's)", o.board.ownLoopMaxMs / 1_000, 's'),
    m('boards dropped by the server', sumOf(boards, 'dropped'), 'count', { op: '<=', limit: 0 }),
    m('snapshots or deltas a board could not decode', sumOf(boards, 'undecodable'), 'count', { op: '<=', limit: 0 }),
    m(
      `board reloads (${RELOADS_PER_MINUTE} a minute) that got no snapshot`,
      o.run.cycles.reduce((sum, c) => sum + failures(c.failed), 0),
      'count',
      {
        op: '<=',
        limit: 0,
      },
    ),
    m(
      `a reloading board: connect → snapshot of ${SOAK_SERVICES} services (${SOAK_SERVICES * CHECKS_PER_SERVICE} checks) decoded, p99 of ${reloadMs.length}`,
      percentile(reloadMs, 99),
      'ms',
    ),
    m(`REST calls not answered 200 (of ${rest.length})`, rest.filter((c) => c.status !== 200).length, 'count', { op: '<=', limit: 0 }),
    m('GET /api/services, slowest', restMax('GET /api/services'), 'ms'),
    m('GET /api/services/{id}/history, slowest', restMax('GET /api/services/{id}/history'), 'ms'),
    m('GET /api/uptime?window=24h, slowest', restMax('GET /api/uptime'), 'ms'),
  ];
}

const measures = (o: Observed): Measure[] => [...serverRows(o), ...worldRows(o), ...boardRows(o)];
