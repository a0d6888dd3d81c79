import type { Outcome } from './types';

/** What the summary at the end of a `ping` run says. */
export interface PingSummary {
  /** The address ping resolved the host to, from its first line ("PING host (address) ..."). */
  address: string | null;
  /** Echo requests sent. */
  transmitted: number;
  /** Replies that came back (duplicates not counted). */
  received: number;
  /** ICMP errors reported instead of replies (e.g. "Destination Host Unreachable"). */
  errors: number;
  /** Lost share of the packets sent, 0–100, as ping prints it. */
  lossPercent: number;
  /** Round-trip times in milliseconds; null when no reply came back. */
  rtt: { min: number; avg: number; max: number; mdev: number | null } | null;
}

const HEADER_RE = /^PING \S+ ?\(([^)]+)\)/m;
const COUNTS_RE = /^(\d+) packets transmitted, (\d+)(?: packets)? received(?:, \+(\d+) duplicates)?(?:, \+(\d+) errors)?, ([\d.]+)% packet loss/m;
const RTT_RE = /^(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/([\d.]+))? ms/m;

/**
 * Reads the statistics that iputils `ping` prints when it ends. Pure; null when the
 * output has no summary (the run failed before sending, e.g. an unknown host).
 */
export function parsePingOutput(stdout: string): PingSummary | null {
  const counts = COUNTS_RE.exec(stdout);
  if (!counts) return null;
  const rtt = RTT_RE.exec(stdout);
  return {
    address: HEADER_RE.exec(stdout)?.[1] ?? null,
    transmitted: Number(counts[1]),
    received: Number(counts[2]),
    errors: Number(counts[4] ?? 0),
    lossPercent: Number(counts[5]),
    rtt: rtt ? { min: Number(rtt[1]), avg: Number(rtt[2]), max: Number(rtt[3]), mdev: rtt[4] === undefined ? null : Number(rtt[4]) } : null,
  };
}

// Ordered: the first pattern that matches an error line decides. `unknown` marks
// problems of this server (it cannot ping), not of the host being watched.
const FAILURES: Array<[RegExp, Outcome, string]> = [
  [/Name or service not known|No address associated with hostname|nodename nor servname/i, 'failed', 'host not found'],
  [/Temporary failure in name resolution/i, 'failed', 'host not found: name resolution failed'],
  [/Network is unreachable/i, 'failed', 'network unreachable'],
  [/No route to host/i, 'failed', 'host unreachable'],
  [
    /Operation not permitted|Permission denied|missing cap_net_raw/i,
    'unknown',
    'ping is not permitted on the server (it needs the cap_net_raw capability or net.ipv4.ping_group_range)',
  ],
];

/**
 * Turns what `ping` wrote to stderr when it gave no summary into one short line.
 * Pure. Lines look like "ping: nonexistent.invalid: Name or service not known".
 */
export function describePingFailure(stderr: string): { outcome: Outcome; message: string } {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const [pattern, outcome, message] of FAILURES) {
    if (lines.some((line) => pattern.test(line))) return { outcome, message };
  }
  const first = lines[0]?.replace(/^\S*ping: /, '');
  return { outcome: 'failed', message: first ? `ping failed: ${first.slice(0, 200)}` : 'ping ended without a summary' };
}
