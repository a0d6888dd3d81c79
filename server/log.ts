import { pino, type Logger } from 'pino';

export type { Logger };

/** The process logger. Modules take a child: `log.child({ mod: 'checks.http' })`. */
export function createLogger(options: { level?: string } = {}): Logger {
  return pino({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { app: 'greenboard' },
    // Never let a credential reach a log line, whatever a caller passes in.
    redact: {
      paths: ['*.password', '*.token', '*.authorization', '*.headers.authorization', '*.headers.cookie', 'config.*.token'],
      censor: '[redacted]',
    },
  });
}

/** A logger that writes nothing, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
