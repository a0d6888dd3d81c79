import { pino, type DestinationStream, type Logger } from 'pino';
import { createRedactor } from './checks/redact';

export type { Logger };

/** How each root logger learns the values it must mask; see maskInLog. */
const maskers = new WeakMap<Logger, (secrets: Iterable<string>) => void>();

/** The process logger. Modules take a child: `log.child({ mod: 'checks.http' })`. */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const known = new Set<string>();
  let mask = (line: string) => line;
  const log = pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { app: 'greenboard' },
      // Never let a credential reach a log line, whatever a caller passes in.
      redact: {
        paths: ['*.password', '*.token', '*.authorization', '*.headers.authorization', '*.headers.cookie', 'config.*.token'],
        censor: '[redacted]',
      },
      // Values from the environment are masked in the finished line, wherever a caller put them.
      hooks: { streamWrite: (line) => mask(line) },
    },
    options.destination,
  );
  maskers.set(log, (secrets) => {
    for (const secret of secrets) known.add(secret);
    mask = createRedactor(known);
  });
  return log;
}

/**
 * From now on, every line this logger and its children write has these values (and
 * their encoded forms) masked. Values already given stay masked: a line about the
 * config before a reload may still name them.
 */
export function maskInLog(log: Logger, secrets: Iterable<string>): void {
  const add = maskers.get(log);
  if (!add) throw new Error('maskInLog needs the logger made by createLogger, not a child of it');
  add(secrets);
}

/** A logger that writes nothing, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
