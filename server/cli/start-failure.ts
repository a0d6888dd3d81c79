import { ConfigError } from '../config/load';
import { ArgumentError, START_USAGE, UsageError } from './server-args';

/** What a process that could not do its job prints on stderr, and the exit code it ends with. */
export interface Failure {
  stderr: string;
  code: 1 | 2;
}

/**
 * Why the server could not start, as it says it. `check-config` says a bad config in the
 * very same words, so a CI step and a deploy never disagree about a file.
 */
export function startFailure(error: unknown): Failure {
  if (error instanceof UsageError) return { stderr: `greenboard: ${error.message}\n${START_USAGE}\n`, code: 2 };
  if (error instanceof ConfigError || error instanceof ArgumentError) return { stderr: `greenboard: ${error.message}\n`, code: 1 };
  return { stderr: `greenboard: cannot start: ${(error as Error | undefined)?.message ?? String(error)}\n`, code: 1 };
}
