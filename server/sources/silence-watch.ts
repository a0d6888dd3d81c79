import type { Observation } from '../checks/types';
import type { Logger } from '../log';
import { silenceLine, silencedObservation, silentFrom, unwrapSilence, type SilenceFacts } from './silence';
import type { PreviousReport } from './types';

export interface SilenceWatchOptions {
  sourceId: string;
  /** The source's `silentAfter`; undefined when off. */
  silentAfterMs: number | undefined;
  services: readonly string[];
  /** What was stored last for each service under the source's id, before this start. */
  stored(serviceId: string): PreviousReport | null;
  /** When the source last took a message, as its health says (kept across restarts). */
  lastReceivedAt(): number | null;
  /** Records an observation for a service, as the engine does. */
  record(serviceId: string, observation: Observation, at: number): Promise<void>;
  log: Logger;
  now(): number;
}

/**
 * Stands between a source and the engine. While the source says nothing for
 * `silentAfter`, each of its services records unknown with that reason, and the source's
 * own reports are held back. When a message is taken again, each service gets the
 * source's own last report back. A service the source never reported on is left as it
 * is: it already reads "nothing received yet".
 */
export class SilenceWatch {
  /** The source's own last report per service: what it would show were it not silent. */
  private readonly own = new Map<string, PreviousReport>();
  /** Services now showing the silence instead of the source's own report. */
  private readonly silenced = new Set<string>();
  /** Whether the source is silent now (its services may still be waiting for a first report). */
  private silent = false;
  private readonly waitingSince: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly options: SilenceWatchOptions) {
    this.waitingSince = options.now();
    for (const serviceId of options.services) {
      const stored = options.stored(serviceId);
      if (!stored) continue;
      const { own, silenced } = unwrapSilence(stored, options.sourceId);
      this.own.set(serviceId, own);
      if (silenced) this.silenced.add(serviceId);
    }
    this.silent = this.silenced.size > 0;
  }

  /** The source's own last report on a service before this start, silence or not. */
  previous(serviceId: string): PreviousReport | null {
    return this.own.get(serviceId) ?? null;
  }

  /** Judges the silence carried over from before the start, then waits for the next. */
  start(): void {
    if (this.silent && this.line() === null) this.replay();
    this.arm();
  }

  /** A report of the source: remembered, and recorded unless the source is silent (then the silence is). */
  report(serviceId: string, observation: Observation, at: number): Promise<void> {
    this.own.set(serviceId, { at, outcome: observation.outcome, message: observation.message, details: observation.details ?? null });
    if (!this.silent) return this.options.record(serviceId, observation, at);
    if (this.silenced.has(serviceId)) return Promise.resolve();
    // A first report on a service while the source is silent (its own timers): the silence is shown, not it.
    this.silenceAll();
    return Promise.resolve();
  }

  /** A message was taken: a silence ends, and its clock starts again. */
  received(): void {
    if (this.stopped) return;
    this.replay();
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private facts(): SilenceFacts | null {
    const { silentAfterMs, sourceId } = this.options;
    if (silentAfterMs === undefined) return null;
    return { sourceId, silentAfterMs, lastReceivedAt: this.options.lastReceivedAt(), waitingSince: this.waitingSince, now: this.options.now() };
  }

  private line(): string | null {
    const facts = this.facts();
    return facts && silenceLine(facts);
  }

  /** Sets the timer for the moment the source becomes silent, when that is watched. */
  private arm(): void {
    clearTimeout(this.timer);
    const facts = this.facts();
    if (!facts || this.stopped) return;
    this.timer = setTimeout(() => this.judge(), Math.max(0, silentFrom(facts) - facts.now));
    this.timer.unref();
  }

  private judge(): void {
    if (this.stopped) return;
    if (this.line() === null) return this.arm();
    this.silent = true;
    this.silenceAll();
  }

  /** Every service with a report of the source's own shows the silence instead. */
  private silenceAll(): void {
    const facts = this.facts();
    const line = facts && silenceLine(facts);
    if (!facts || !line) return;
    for (const [serviceId, held] of this.own) {
      if (this.silenced.has(serviceId)) continue;
      this.silenced.add(serviceId);
      this.record(serviceId, silencedObservation(line, facts, held), facts.now);
    }
  }

  /** Gives each silenced service the source's own last report back. */
  private replay(): void {
    const now = this.options.now();
    for (const serviceId of this.silenced) {
      const held = this.own.get(serviceId)!;
      this.record(serviceId, { outcome: held.outcome, message: held.message, latencyMs: null, ...(held.details ? { details: held.details } : {}) }, now);
    }
    this.silenced.clear();
    this.silent = false;
  }

  private record(serviceId: string, observation: Observation, at: number): void {
    this.options.record(serviceId, observation, at).catch((error: unknown) => {
      this.options.log.error({ err: error, serviceId }, 'could not record what the silence of a source means');
    });
  }
}
