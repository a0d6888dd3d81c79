import type { Outcome } from '../checks/types';
import { formatDuration } from '../../shared/duration';

/** The time of day of `at` (UTC) for a person reading the board; the date too when it is not within the last day. */
export function clockTime(at: number, now: number): string {
  const iso = new Date(at).toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return now - at < 86_400_000 ? time : `${iso.slice(0, 10)} ${time}`;
}

/**
 * Whether a heartbeat is overdue at `now`: null while on time, else the line the board
 * shows. Without any push yet, the wait counts from `waitingSince` (when the server
 * started). Pure.
 */
export function missedHeartbeat(facts: { lastPushAt: number | null; waitingSince: number; graceMs: number; now: number }): string | null {
  const { lastPushAt, waitingSince, graceMs, now } = facts;
  const from = lastPushAt ?? waitingSince;
  if (now - from <= graceMs) return null;
  const expected = `expected every ${formatDuration(graceMs)}`;
  return lastPushAt === null
    ? `no heartbeat yet, waiting since ${clockTime(waitingSince, now)} (${expected})`
    : `no heartbeat since ${clockTime(lastPushAt, now)} (${expected})`;
}

/** A push as understood: what it says about the job, or which field is wrong. */
export type PushReading = { ok: true; outcome: Outcome; message: string } | { ok: false; field: string; problem: string };

const OUTCOME_OF_STATUS: Record<string, Outcome> = { up: 'ok', degraded: 'degraded', down: 'failed' };
const MAX_MESSAGE = 500;

/** Reads a push's optional `status` (up, degraded, down; default up) and `msg`. Pure. */
export function readPush(fields: { status?: unknown; msg?: unknown }): PushReading {
  const status = fields.status ?? 'up';
  // Own keys only: `in` would take `constructor` or `toString` from Object's prototype as a status.
  if (typeof status !== 'string' || !Object.hasOwn(OUTCOME_OF_STATUS, status))
    return { ok: false, field: 'status', problem: 'must be one of up, degraded, down' };
  const msg = fields.msg;
  if (msg !== undefined && typeof msg !== 'string') return { ok: false, field: 'msg', problem: 'must be text' };
  if (msg !== undefined && msg.length > MAX_MESSAGE) return { ok: false, field: 'msg', problem: `must be at most ${MAX_MESSAGE} characters` };
  const message = msg?.trim() || (status === 'up' ? 'heartbeat received' : `heartbeat says ${status}`);
  return { ok: true, outcome: OUTCOME_OF_STATUS[status]!, message };
}

/** A token bucket: `tokens` left as of `at`. */
export interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimit {
  /** Pushes allowed at once after a quiet spell. */
  burst: number;
  /** Pushes allowed per minute, sustained. */
  perMinute: number;
}

/** Takes one push from the bucket: whether it is allowed, and if not, how long until one is. Pure. */
export function takePush(bucket: Bucket, now: number, limit: RateLimit): { bucket: Bucket; allowed: boolean; retryAfterMs: number } {
  const refillPerMs = limit.perMinute / 60_000;
  const tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, now - bucket.at) * refillPerMs);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now }, allowed: true, retryAfterMs: 0 };
  return { bucket: { tokens, at: now }, allowed: false, retryAfterMs: Math.ceil((1 - tokens) / refillPerMs) };
}
