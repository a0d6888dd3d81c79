import { z } from 'zod';
import { duration } from '../config/fields';
import type { PingSummary } from './ping-output';
import type { Observation } from './types';

const PERCENT_HINT = 'expected a percentage such as "0%" or "20%" (or a number from 0 to 100)';

/** `expect.maxLoss`: "20%" or 20, as a number of percent. */
const percent = z.union([z.number(), z.string()], { error: PERCENT_HINT }).transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text);
  const number = match ? Number(match[1]) : NaN;
  if (typeof value === 'string' && !text.endsWith('%')) ctx.addIssue({ code: 'custom', message: PERCENT_HINT });
  else if (!(number >= 0 && number <= 100)) ctx.addIssue({ code: 'custom', message: PERCENT_HINT });
  return number;
});

export const pingExpectSchema = z.strictObject({
  /** More loss than this: failed. Unset: some loss is degraded, total loss failed. */
  maxLoss: percent.optional(),
  /** A slower average round trip: degraded. */
  maxRtt: duration().optional(),
});

export type PingExpect = z.output<typeof pingExpectSchema>;

/** "0.05ms", "3.2ms", "41ms": round trips on a LAN are far below a millisecond. */
export function formatRtt(ms: number): string {
  if (ms < 1) return `${Number(ms.toFixed(2))}ms`;
  if (ms < 10) return `${Number(ms.toFixed(1))}ms`;
  return `${Math.round(ms)}ms`;
}

const formatPercent = (value: number) => `${Number(value.toFixed(1))}%`;

/** Judges a ping summary against the check's expectations. Pure: facts in, observation out. */
export function judgePing(expect: PingExpect | undefined, summary: PingSummary): Observation {
  const { transmitted, received, lossPercent, rtt } = summary;
  const details = {
    address: summary.address,
    transmitted,
    received,
    errors: summary.errors,
    lossPercent,
    rttMinMs: rtt?.min ?? null,
    rttAvgMs: rtt?.avg ?? null,
    rttMaxMs: rtt?.max ?? null,
    rttMdevMs: rtt?.mdev ?? null,
  };
  const latencyMs = rtt?.avg ?? null;
  const observe = (outcome: Observation['outcome'], message: string): Observation => ({ outcome, message, latencyMs, details });

  if (received === 0 || !rtt) {
    const why = summary.errors > 0 ? `, ${summary.errors} error${summary.errors === 1 ? '' : 's'}` : '';
    return observe('failed', `no reply to ${transmitted} packet${transmitted === 1 ? '' : 's'}${why}`);
  }
  const lost = Math.max(0, transmitted - received);
  if (expect?.maxLoss !== undefined && lossPercent > expect.maxLoss) {
    return observe('failed', `lost ${lost} of ${transmitted} packets (${formatPercent(lossPercent)}), limit ${formatPercent(expect.maxLoss)}`);
  }
  const replies = `${received} of ${transmitted} replies${lost > 0 ? ` (${formatPercent(lossPercent)} loss)` : ''}, average ${formatRtt(rtt.avg)}`;
  if (expect?.maxRtt !== undefined && rtt.avg > expect.maxRtt) {
    return observe('degraded', `slow: average round trip ${formatRtt(rtt.avg)}, limit ${formatRtt(expect.maxRtt)}`);
  }
  // Loss the config allows explicitly is fine; loss nobody set a limit for is worth a look.
  if (lost > 0 && expect?.maxLoss === undefined) return observe('degraded', replies);
  return observe('ok', replies);
}
