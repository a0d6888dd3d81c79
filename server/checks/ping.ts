import { execFile } from 'node:child_process';
import { isIP } from 'node:net';
import { z } from 'zod';
import { pingExpectSchema, judgePing } from './ping-judge';
import { describePingFailure, parsePingOutput } from './ping-output';
import { defineCheckType, type Observation } from './types';

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOSTNAME_RE = new RegExp(`^(?=.{1,253}\\.?$)${LABEL}(?:\\.${LABEL})*\\.?$`, 'i');

/**
 * A host name, IPv4 or IPv6 address, and nothing else: the value becomes an argument
 * of a program, so it must never be read as one of its options.
 */
export const pingHost = z.string({ error: 'expected a host name or IP address' }).superRefine((host, ctx) => {
  if (host.startsWith('-')) ctx.addIssue({ code: 'custom', message: `"${host}" is not a host: a host cannot start with "-"` });
  else if (isIP(host) === 0 && !HOSTNAME_RE.test(host)) {
    ctx.addIssue({ code: 'custom', message: `"${host}" is not a host name, IPv4 or IPv6 address` });
  }
});

const configSchema = z.strictObject({
  type: z.literal('ping'),
  host: pingHost,
  count: z
    .number({ error: 'expected a number of packets' })
    .int('expected a whole number')
    .min(1, 'send at least 1 packet')
    .max(20, 'send at most 20 packets')
    .default(3),
  expect: pingExpectSchema.optional(),
});

/** Below this ping refuses to run for users other than root. */
const MIN_INTERVAL_S = 0.2;

const seconds = (value: number) => String(Math.round(value * 100) / 100);

/**
 * The arguments for one run. The wait per reply and the gap between packets shrink
 * (never below what ping allows) so that the whole run ends on its own before the
 * check's timeout, with real loss figures instead of being cut off. Pure.
 */
export function pingArgs(host: string, count: number, timeoutMs: number): string[] {
  const budgetS = (timeoutMs - Math.min(Math.max(timeoutMs * 0.1, 100), 1_000)) / 1_000;
  const waitS = Math.min(Math.max(budgetS / 3, MIN_INTERVAL_S), 2);
  const intervalS = count > 1 ? Math.min(Math.max((budgetS - waitS) / (count - 1), MIN_INTERVAL_S), 1) : 1;
  // "--" ends the options even if a host starting with "-" ever got past validation.
  return ['-n', '-c', String(count), '-W', seconds(waitS), '-i', seconds(intervalS), '--', host];
}

interface ProcessResult {
  error: (Error & { code?: unknown }) | null;
  stdout: string;
  stderr: string;
}

function execPing(binary: string, args: string[], signal: AbortSignal): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      // LC_ALL=C: the summary is parsed, so it must not come out translated.
      { signal, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    );
  });
}

/** The ping check, running `binary` (found on PATH unless it is a path). */
export function createPingCheck(binary = 'ping') {
  return defineCheckType({
    type: 'ping',
    configSchema,
    describe: (config) => `ping ${config.host}`,
    async run(config, signal): Promise<Observation> {
      if (signal.aborted) return { outcome: 'failed', message: 'aborted', latencyMs: null };
      const { error, stdout, stderr } = await execPing(binary, pingArgs(config.host, config.count, config.timeout), signal);
      if (signal.aborted || error?.name === 'AbortError') return { outcome: 'failed', message: 'aborted', latencyMs: null };
      if (error?.code === 'ENOENT') return { outcome: 'unknown', message: 'ping is not installed on the server', latencyMs: null };
      if (error?.code === 'EACCES') return { outcome: 'unknown', message: 'ping cannot be run on the server: permission denied', latencyMs: null };
      // Exit status 1 only means "not every reply came back": the summary tells how many did.
      const summary = parsePingOutput(stdout);
      if (summary) return judgePing(config.expect, summary);
      return { ...describePingFailure(stderr), latencyMs: null };
    },
  });
}

export const pingCheck = createPingCheck();
