import { createRedactor, redactObservation, urlSecrets } from './redact';
import type { ArtifactSink, CheckType, CommonCheckFields, Observation, RunContext } from './types';

/** For runs that have nowhere to keep files; a check that tries gets a clear error. */
const NO_ARTIFACTS: ArtifactSink = {
  save: () => Promise.reject(new Error('this run has no place to keep artifacts')),
};

export interface RunOptions {
  /** Aborts the run when the server stops. */
  stop?: AbortSignal | undefined;
  context?: RunContext | undefined;
  /** Masks secrets known beyond the check itself (values from the environment). */
  redact?: ((text: string) => string) | undefined;
}

/** "500ms", "2s", "1.5s": how timeouts read in messages. */
export function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1_000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
}

/**
 * Runs one check with a hard timeout. The timeout aborts the check's I/O through its
 * signal and, even if a check ignored the signal, the runner answers at the deadline,
 * so a hanging target never holds a scheduler slot. Never throws.
 */
export async function runCheck(type: CheckType, config: CommonCheckFields, options: RunOptions = {}): Promise<Observation> {
  const observation = await runUnredacted(type, config, options);
  // The check's own secrets (and any URL password in its config), then those from the environment.
  const redacted = redactObservation(observation, ownRedactor(type, config));
  return options.redact ? redactObservation(redacted, options.redact) : redacted;
}

/** A check's own secrets depend on its config alone, so their masks are prepared once per config, not on every run. */
const ownRedactors = new WeakMap<CommonCheckFields, (text: string) => string>();

function ownRedactor(type: CheckType, config: CommonCheckFields): (text: string) => string {
  let redact = ownRedactors.get(config);
  if (!redact) {
    const own = [...(type.secrets?.(config as never) ?? []), ...Object.values(config).flatMap((v) => (typeof v === 'string' ? urlSecrets(v) : []))];
    redact = createRedactor(own);
    ownRedactors.set(config, redact);
  }
  return redact;
}

const ANSWERED = new Error('the check has its answer');

async function runUnredacted(type: CheckType, config: CommonCheckFields, { stop, context }: RunOptions): Promise<Observation> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Observation>((resolve) => {
    const onAbort = () =>
      resolve({ outcome: 'failed', message: stop?.aborted ? 'cancelled: server stopping' : `timed out after ${formatMs(config.timeout)}`, latencyMs: null });
    controller.signal.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => controller.abort(), config.timeout);
  });
  const forwardStop = () => controller.abort();
  stop?.addEventListener('abort', forwardStop, { once: true });
  if (stop?.aborted) controller.abort();
  try {
    const running = type.run(config as never, controller.signal, context ?? { artifacts: NO_ARTIFACTS }).catch((error: unknown): Observation => ({
      outcome: 'failed',
      message: `check failed unexpectedly: ${(error as Error)?.message ?? String(error)}`,
      latencyMs: null,
    }));
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
    stop?.removeEventListener('abort', forwardStop);
    // Releases anything the check still holds once we have an answer. With a reason made
    // once: a reason-less abort builds a DOMException and its stack for every run.
    if (!controller.signal.aborted) controller.abort(ANSWERED);
  }
}
