import { pino, type Logger } from 'pino';

/** A line the logger wrote, parsed. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A real pino logger whose lines a test can read back; debug and up. */
export function capturingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug', base: null }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
}

export const ERROR = 50;
export const INFO = 30;
