import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Observation } from '../checks/types';
import { AppError } from '../errors';
import { duration, nonEmpty, slug } from '../config/fields';
import { formBody, jsonBody } from '../http/body-limit';

import { missedHeartbeat, readPush, takePush, type Bucket, type RateLimit } from './push-heartbeat';
import { defineSourceType, type SourceContext } from './types';
import { answerAccepted } from './accepted';

/** A push says up or down and a line of text: a few kilobytes at most. */
const PUSH_BODY_LIMIT = 16 * 1024;

/** A misbehaving loop gets this much, so it cannot fill the disk with results. */
const RATE_LIMIT: RateLimit = { burst: 10, perMinute: 60 };

const configSchema = z.strictObject({
  type: z.literal('push'),
  /** Put in the push URL; from the environment (`${VAR}`), never written in the file. */
  token: nonEmpty.min(16, 'must be at least 16 characters: anyone who knows it can push'),
  service: slug,
  // At most a week: longer is not a heartbeat, and timers cannot wait much longer.
  grace: duration({ min: 1_000, minText: '1s', max: 7 * 86_400_000, maxText: '7d' }),
});

type PushConfig = z.output<typeof configSchema> & { id: string };

/** The time of the last push, kept in each result's details so a restart knows it. */
const lastPushOf = (details: Record<string, unknown> | null | undefined): number | null =>
  typeof details?.lastPushAt === 'number' ? details.lastPushAt : null;

/** Heartbeats: a job calls `/api/push/{token}` when it runs; silence past `grace` is down. */
export const pushSource = defineSourceType({
  type: 'push',
  configSchema,
  services: (config) => [config.service],
  secrets: (config) => [config.token],
  // The token is the address: `/api/push/{token}` finds its source by it.
  address: (config) => ({ kind: 'push', token: config.token }),
  ownSilenceRule: 'does not apply to a push source: its grace already turns the service down when pushes stop',
  start(config, context) {
    const watch = new HeartbeatWatch(config, context);
    const router = express.Router();
    const allowed: express.RequestHandler = (req, res, next) => {
      if (req.method === 'GET' || req.method === 'POST') return next();
      res.setHeader('Allow', 'GET, POST');
      throw new AppError('method_not_allowed', `${req.method} is not allowed on a push URL; use GET or POST`, { status: 405 });
    };
    // `curl -d status=down` sends a form: read as well as JSON and the query.
    router.use(allowed, formBody(PUSH_BODY_LIMIT), jsonBody(PUSH_BODY_LIMIT), (req, res) => watch.push(req, res));
    return { handle: router, stop: async () => watch.stop() };
  },
});

/** One push source's running state: the last push, the grace timer and the rate limit. */
class HeartbeatWatch {
  private lastPushAt: number | null;
  private readonly waitingSince: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private bucket: Bucket;
  private stopped = false;

  constructor(
    private readonly config: PushConfig,
    private readonly context: SourceContext,
  ) {
    const previous = context.previous(config.service);
    this.lastPushAt = lastPushOf(previous?.details);
    this.waitingSince = context.now();
    this.bucket = { tokens: RATE_LIMIT.burst, at: this.waitingSince };
    // A miss already reported stays reported; anything else is judged again from the last push.
    const alreadyMissed = previous?.details?.missed === true;
    if (!alreadyMissed) this.arm();
  }

  push(req: Request, res: Response): void {
    const now = this.context.now();
    const taken = takePush(this.bucket, now, RATE_LIMIT);
    this.bucket = taken.bucket;
    if (!taken.allowed) {
      this.context.failed('too many pushes');
      res.setHeader('Retry-After', String(Math.ceil(taken.retryAfterMs / 1_000)));
      throw new AppError('rate_limited', `too many pushes; at most ${RATE_LIMIT.perMinute} a minute`, { status: 429 });
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const reading = readPush({ status: req.query.status ?? body.status, msg: req.query.msg ?? body.msg });
    if (!reading.ok) {
      this.context.failed(`bad ${reading.field}`);
      throw new AppError('bad_request', `${reading.field} ${reading.problem}`, { status: 400 });
    }
    this.context.received();
    this.lastPushAt = now;
    this.arm();
    void this.report({ outcome: reading.outcome, message: reading.message, details: { lastPushAt: now } }, now);
    answerAccepted(res);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Sets the timer for the moment the next push is overdue. */
  private arm(): void {
    clearTimeout(this.timer);
    const from = this.lastPushAt ?? this.waitingSince;
    const delay = Math.max(0, from + this.config.grace - this.context.now() + 1);
    this.timer = setTimeout(() => this.judge(), delay);
    this.timer.unref();
  }

  private judge(): void {
    if (this.stopped) return;
    const now = this.context.now();
    const missed = missedHeartbeat({ lastPushAt: this.lastPushAt, waitingSince: this.waitingSince, graceMs: this.config.grace, now });
    if (missed === null) return this.arm();
    void this.report({ outcome: 'failed', message: missed, details: { lastPushAt: this.lastPushAt, missed: true } }, now);
  }

  private async report(observation: Omit<Observation, 'latencyMs'>, at: number) {
    try {
      await this.context.report(this.config.service, { ...observation, latencyMs: null }, at);
    } catch (error) {
      this.context.log.error({ err: error, source: this.config.id }, 'could not record a heartbeat');
    }
  }
}
