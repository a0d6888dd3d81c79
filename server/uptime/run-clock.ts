import type { Logger } from '../log';
import type { Store } from '../store/store';

/** How often a running server records that it is still watching: a crash loses at most this much of the record. */
export const RUN_ALIVE_EVERY_MS = 15_000;

/**
 * Records when this server watched: a run from its start, marked alive every
 * RUN_ALIVE_EVERY_MS and at a clean stop. Uptime counts time outside every run as
 * `unknown`: a server that was down saw nothing, so it cannot say the services were up.
 */
export class RunClock {
  private id: number | null = null;
  /** When this run began; null before `start()`. */
  startedAt: number | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: { store: Store; log: Logger; now?: () => number; everyMs?: number }) {}

  async start(): Promise<void> {
    this.startedAt = this.now();
    this.id = await this.deps.store.startRun(this.startedAt);
    this.timer = setInterval(() => void this.mark(), this.deps.everyMs ?? RUN_ALIVE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.mark();
  }

  private async mark(): Promise<void> {
    if (this.id === null) return;
    try {
      await this.deps.store.runAlive(this.id, this.now());
    } catch (error) {
      // The next mark writes the later time anyway; uptime counts the gap as unknown meanwhile.
      this.deps.log.warn({ err: error }, 'could not record that the server is still watching');
    }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
