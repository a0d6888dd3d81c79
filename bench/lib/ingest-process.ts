// A load generator for the ingest benchmark: push heartbeats and Alertmanager webhooks
// at fixed rates over keep-alive connections (undici), in its own process so that its
// CPU is not counted as the server's. Driven by the orchestrator over IPC.
import { Pool } from 'undici';
import { webhookBody } from './alert-payloads';

export interface IngestPlan {
  cmd: 'run';
  url: string;
  /** Push tokens; each is pushed once every `pushEveryMs`, the tokens spread evenly over that period. */
  pushTokens: string[];
  pushEveryMs: number;
  /** Alertmanager groups (one per service id here); each is sent once every `webhookEveryMs`. */
  alertServices: string[];
  webhookEveryMs: number;
  alertsPerWebhook: number;
  amToken: string;
  durationMs: number;
  connections: number;
}

export interface IngestReport {
  type: 'done';
  pushes: Outcomes;
  webhooks: Outcomes;
  /** Per push token, the `msg` of the last push answered 202. */
  lastPush: Record<string, string>;
  /** Per alert service, the alert indexes its last webhook answered 202 sent as resolved. */
  lastResolved: Record<string, number[]>;
  /** The most requests waiting for an answer at once. */
  maxInFlight: number;
  /** How late the generator itself ran behind its schedule at worst, ms. */
  maxLagMs: number;
  seconds: number;
}

/** How requests were answered. */
export interface Outcomes {
  sent: number;
  accepted: number;
  /** Status code → count, for answers other than 202. */
  refused: Record<string, number>;
  /** Error message → count, for requests with no answer. */
  errors: Record<string, number>;
}

const TICK_MS = 10;
const DRAIN_MS = 20_000;
const outcomes = (): Outcomes => ({ sent: 0, accepted: 0, refused: {}, errors: {} });
const tally = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

async function run(plan: IngestPlan): Promise<IngestReport> {
  const pool = new Pool(plan.url, { connections: plan.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const report: IngestReport = {
    type: 'done',
    pushes: outcomes(),
    webhooks: outcomes(),
    lastPush: {},
    lastResolved: {},
    maxInFlight: 0,
    maxLagMs: 0,
    seconds: 0,
  };
  const pending = new Set<Promise<void>>();
  const send = (counts: Outcomes, path: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }, onAccepted: () => void) => {
    counts.sent += 1;
    const request = pool
      .request({ path, ...init })
      .then(async ({ statusCode, body }) => {
        await body.dump();
        if (statusCode === 202) {
          counts.accepted += 1;
          onAccepted();
        } else tally(counts.refused, String(statusCode));
      })
      .catch((error: Error) => void tally(counts.errors, error.message))
      .finally(() => pending.delete(request));
    pending.add(request);
    report.maxInFlight = Math.max(report.maxInFlight, pending.size);
  };

  const started = performance.now();
  let pushRound = 0;
  let pushIndex = 0;
  let hookRound = 0;
  let hookIndex = 0;
  // Each tick sends what is due by now, so a late tick catches up instead of lowering the rate.
  const pushDue = (elapsed: number) => Math.floor((elapsed / plan.pushEveryMs) * plan.pushTokens.length);
  const hookDue = (elapsed: number) => Math.floor((elapsed / plan.webhookEveryMs) * plan.alertServices.length);
  let pushesSent = 0;
  let hooksSent = 0;
  await new Promise<void>((resolve) => {
    let expected = 0;
    const tick = () => {
      const elapsed = Math.min(performance.now() - started, plan.durationMs);
      report.maxLagMs = Math.max(report.maxLagMs, elapsed - expected);
      expected += TICK_MS;
      for (; pushesSent < pushDue(elapsed); pushesSent += 1) {
        const token = plan.pushTokens[pushIndex]!;
        const msg = `push ${pushRound}`;
        send(report.pushes, `/api/push/${token}?msg=${encodeURIComponent(msg)}`, { method: 'GET' }, () => (report.lastPush[token] = msg));
        if (++pushIndex === plan.pushTokens.length) [pushIndex, pushRound] = [0, pushRound + 1];
      }
      for (; hooksSent < hookDue(elapsed); hooksSent += 1) {
        const service = plan.alertServices[hookIndex]!;
        // One alert of the group is resolved in each round, a different one each time, so every webhook changes something.
        const resolved = hookRound % plan.alertsPerWebhook;
        const body = webhookBody(service, plan.alertsPerWebhook, { resolved: new Set([resolved]) });
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${plan.amToken}` };
        send(report.webhooks, '/api/sources/alertmanager/webhook', { method: 'POST', headers, body }, () => (report.lastResolved[service] = [resolved]));
        if (++hookIndex === plan.alertServices.length) [hookIndex, hookRound] = [0, hookRound + 1];
      }
      if (elapsed >= plan.durationMs) return resolve();
      setTimeout(tick, Math.max(0, started + expected - performance.now()));
    };
    tick();
  });
  // A server that fell behind is given a while to answer what it was sent; what is still open then counts as an error.
  const drained = Promise.all(pending).then(() => true);
  const gaveUp = new Promise<false>((resolve) => setTimeout(() => resolve(false), DRAIN_MS).unref());
  if (!(await Promise.race([drained, gaveUp]))) {
    for (const counts of [report.pushes, report.webhooks]) {
      const open =
        counts.sent - counts.accepted - Object.values(counts.refused).reduce((a, b) => a + b, 0) - Object.values(counts.errors).reduce((a, b) => a + b, 0);
      if (open > 0) counts.errors[`no answer ${DRAIN_MS / 1_000} s after the load ended`] = open;
    }
  }
  report.seconds = (performance.now() - started) / 1_000;
  await pool.destroy();
  return report;
}

process.on('message', (plan: IngestPlan) => {
  if (plan.cmd === 'run') void run(plan).then((report) => process.send?.(report));
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.send?.({ type: 'ready' });
