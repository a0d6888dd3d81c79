import { forkEntry, nextMessage, ofType } from './lib/child';
import { stopChild } from './lib/cleanup';
import type { IngestPlan, IngestReport, Outcomes } from './lib/ingest-process';
import { quickRun, type Benchmark, type Measure } from './lib/measure';
import { cpuMs, peakRssMb, ProcSampler } from './lib/proc';
import { launchServer, type ServiceSpec, type SourceSpec } from './lib/server';

const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? (quickRun ? 10 : 60));
/** 4,000 tokens each pushed every 2 s: 2,000 pushes/s, half of the per-token limit of 60/min. */
const PUSH_TOKENS = 4_000;
const PUSH_EVERY_MS = 2_000;
/** Ten cron jobs (tokens) report on each push service. */
const TOKENS_PER_SERVICE = 10;
/** 200 alert groups (one per service) each re-sent every second: 200 webhooks/s of 50 alerts. */
const ALERT_SERVICES = 200;
const WEBHOOK_EVERY_MS = 1_000;
const ALERTS_PER_WEBHOOK = 50;
const AM_TOKEN = 'bench-alertmanager-0123456789abcdef';

const pad = (i: number, width: number) => String(i).padStart(width, '0');
const pushToken = (i: number) => `bench-push-token-${pad(i, 5)}`;
const pushSource = (i: number) => `push-${pad(i, 5)}`;
const alertService = (i: number) => `alerts-${pad(i, 3)}`;

function board(): { services: ServiceSpec[]; sources: SourceSpec[] } {
  const pushServices = Array.from({ length: PUSH_TOKENS / TOKENS_PER_SERVICE }, (_, i) => `jobs-${pad(i, 3)}`);
  const services: ServiceSpec[] = [...pushServices, ...Array.from({ length: ALERT_SERVICES }, (_, i) => alertService(i))].map((id) => ({
    id,
    name: id,
    checks: [],
  }));
  const sources: SourceSpec[] = [
    { id: 'alertmanager', type: 'alertmanager', token: '${BENCH_AM_TOKEN}' },
    ...Array.from({ length: PUSH_TOKENS }, (_, i) => ({
      id: pushSource(i),
      type: 'push',
      token: pushToken(i),
      service: pushServices[Math.floor(i / TOKENS_PER_SERVICE)]!,
      grace: '1h',
    })),
  ];
  return { services, sources };
}

interface LatestResult {
  checkId: string;
  message: string;
  details: { alerts?: Array<{ alertname: string }> } | null;
}

/** The last stored result of each entry of a service, from its history. */
async function latest(url: string, serviceId: string): Promise<LatestResult[]> {
  const now = Date.now();
  const res = await fetch(`${url}/api/services/${serviceId}/history?from=${now}&to=${now}`);
  if (!res.ok) throw new Error(`GET history of ${serviceId} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return ((await res.json()) as { latest: LatestResult[] }).latest;
}

/**
 * What the store holds against what was sent and taken: each push token's last stored
 * result has the message of its last accepted push, and each alert group's service holds
 * every alert of its last accepted webhook that was firing, and not the resolved one.
 */
async function mismatches(url: string, report: IngestReport): Promise<number> {
  let wrong = 0;
  const byService = new Map<string, LatestResult[]>();
  const of = async (serviceId: string) => byService.get(serviceId) ?? byService.set(serviceId, await latest(url, serviceId)).get(serviceId)!;
  for (let i = 0; i < PUSH_TOKENS; i += 1) {
    const serviceId = `jobs-${pad(Math.floor(i / TOKENS_PER_SERVICE), 3)}`;
    const stored = (await of(serviceId)).find((r) => r.checkId === pushSource(i));
    if (stored?.message !== report.lastPush[pushToken(i)]) wrong += 1;
  }
  for (let i = 0; i < ALERT_SERVICES; i += 1) {
    const resolved = report.lastResolved[alertService(i)];
    const alerts = (await of(alertService(i))).find((r) => r.checkId === 'alertmanager')?.details?.alerts ?? [];
    const names = new Set(alerts.map((a) => a.alertname));
    const expected = ALERTS_PER_WEBHOOK - (resolved?.length ?? ALERTS_PER_WEBHOOK);
    if (!resolved || names.size !== expected || resolved.some((r) => [...names].some((n) => n.endsWith(`Failed${r}`)))) wrong += 1;
  }
  return wrong;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const describe = (o: Outcomes) =>
  [...Object.entries(o.refused).map(([code, n]) => `${n}× ${code}`), ...Object.entries(o.errors).map(([message, n]) => `${n}× ${message}`)].join(', ') ||
  'none';

/**
 * ingest: 2,000 push heartbeats/s (4,000 tokens, each every 2 s, on 400 services) and
 * 200 Alertmanager webhooks/s (200 groups of 50 alerts, each re-sent every second) for
 * 60 s, from a load generator in its own process over keep-alive connections. Server CPU
 * (utime + stime from /proc) over the run, RSS sampled every 0.5 s, every answer counted,
 * and the store compared with what was accepted.
 */
export const ingest: Benchmark = async ({ cpuProfDir }) => {
  const { services, sources } = board();
  const server = await launchServer('ingest', { services, sources, env: { BENCH_AM_TOKEN: AM_TOKEN } }, cpuProfDir);
  const generator = forkEntry('ingest-process');
  try {
    await nextMessage(generator, ofType<{ type: 'ready' }>('ready'), 15_000, 'the load generator');
    await server.ready(120_000);
    const startedIn = (performance.now() - server.spawnedAt) / 1_000;
    const plan: IngestPlan = {
      cmd: 'run',
      url: server.url,
      pushTokens: Array.from({ length: PUSH_TOKENS }, (_, i) => pushToken(i)),
      pushEveryMs: PUSH_EVERY_MS,
      alertServices: Array.from({ length: ALERT_SERVICES }, (_, i) => alertService(i)),
      webhookEveryMs: WEBHOOK_EVERY_MS,
      alertsPerWebhook: ALERTS_PER_WEBHOOK,
      amToken: AM_TOKEN,
      durationMs: SECONDS * 1_000,
      connections: 32,
    };
    const sampler = new ProcSampler(server.pid);
    const generatorCpuBefore = cpuMs(generator.pid!);
    const done = nextMessage(generator, ofType<IngestReport>('done'), SECONDS * 1_000 + 120_000, 'the load to be sent');
    generator.send(plan);
    const report = await done;
    const { cpuPercent, peakRssMb: peak, medianRssMb, seconds } = sampler.finish();
    const generatorCpu = (cpuMs(generator.pid!) - generatorCpuBefore) / 1_000 / seconds;
    const hwm = peakRssMb(server.pid);
    const wrong = await mismatches(server.url, report).catch((error: Error) => {
      throw new Error(`${error.message}; server said: ${server.problems().slice(-3).join(' | ')}`);
    });
    const rate = (o: Outcomes) => o.accepted / report.seconds;
    const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({ benchmark: 'ingest', measure, value, unit, goal });
    return [
      m(`server CPU, average over the ${SECONDS} s of load, % of one core`, cpuPercent, '%', { op: '<', limit: 100 }),
      m(`server RSS, peak of samples over ${seconds.toFixed(0)} s`, peak, 'MB'),
      m('server RSS, median of samples', medianRssMb, 'MB'),
      m('server RSS, peak since start (VmHWM)', hwm, 'MB'),
      m(`push heartbeats answered 202 per second (sent ${report.pushes.sent}, ideal ${(PUSH_TOKENS * 1_000) / PUSH_EVERY_MS}/s)`, rate(report.pushes), '/s'),
      m(
        `webhooks of ${ALERTS_PER_WEBHOOK} alerts answered 202 per second (sent ${report.webhooks.sent}, ideal ${(ALERT_SERVICES * 1_000) / WEBHOOK_EVERY_MS}/s)`,
        rate(report.webhooks),
        '/s',
      ),
      m(`pushes not answered 202 (${describe(report.pushes)})`, sum(report.pushes.refused) + sum(report.pushes.errors), 'count', { op: '<=', limit: 0 }),
      m(`webhooks not answered 202 (${describe(report.webhooks)})`, sum(report.webhooks.refused) + sum(report.webhooks.errors), 'count', {
        op: '<=',
        limit: 0,
      }),
      m(`push tokens and alert groups whose stored last result is not what was last accepted (of ${PUSH_TOKENS + ALERT_SERVICES})`, wrong, 'count', {
        op: '<=',
        limit: 0,
      }),
      m('requests waiting for an answer at once, at most', report.maxInFlight, 'count'),
      m('load generator behind its schedule, at worst', report.maxLagMs, 'ms'),
      m('load generator CPU (same machine), % of one core', generatorCpu * 100, '%'),
      m(`server start with ${sources.length} sources and ${services.length} services: spawn → ready`, startedIn, 's'),
    ];
  } finally {
    await stopChild(generator, 2_000);
    await server.stop();
  }
};
