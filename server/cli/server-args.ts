import { parseArgs } from 'node:util';

/** pino's levels, loudest first; `silent` writes nothing at all. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What `greenboard start` takes; printed with every usage error. */
export const START_USAGE = 'usage: greenboard start [--config FILE] [--log-level LEVEL]';

/** The command line was not understood (an unknown flag, a stray word): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An argument was understood but its value cannot be used (a log level pino does not know): exit code 1. */
export class ArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgumentError';
  }
}

export interface ServerArgs {
  /** From `--config`, else `GREENBOARD_CONFIG`; undefined when neither names one. */
  config: string | undefined;
  /** From `--log-level`, else `LOG_LEVEL`, else `info`. */
  logLevel: LogLevel;
}

const isLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

function checkedLevel(value: string, from: string): LogLevel {
  const level = value.trim().toLowerCase();
  if (isLevel(level)) return level;
  throw new ArgumentError(`${from} ${JSON.stringify(value)} is not a log level; use one of ${LOG_LEVELS.join(', ')}`);
}

/** The log level in force: the flag decides over the environment, which decides over `info`. */
export function logLevelFrom(flag: string | undefined, fromEnv: string | undefined): LogLevel {
  if (flag !== undefined) return checkedLevel(flag, '--log-level');
  // An empty variable is taken as unset, as shells and unit files often leave them.
  if (fromEnv) return checkedLevel(fromEnv, 'LOG_LEVEL');
  return 'info';
}

/** Reads the server's command line (without `node` and the script) and the environment beside it. */
export function parseServerArgs(args: string[], env: Record<string, string | undefined>): ServerArgs {
  let values: { config?: string; 'log-level'?: string };
  try {
    ({ values } = parseArgs({ args, options: { config: { type: 'string', short: 'c' }, 'log-level': { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { config: values.config ?? env.GREENBOARD_CONFIG, logLevel: logLevelFrom(values['log-level'], env.LOG_LEVEL) };
}
