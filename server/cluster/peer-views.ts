import type { BoardNotice, SourceView, UnmappedAlertView } from '../../shared/api';
import { mergePaging } from '../realtime/notices';

/**
 * What one instance alone can see and tells the others: the health of the sources it runs,
 * the alerts they hold that fit no service, and its notifiers' failures.
 */
export interface InstanceView {
  instance: string;
  sources: SourceView[];
  unmapped: UnmappedAlertView[];
  paging: BoardNotice[];
}

/** What the other instances see, merged: what a board anywhere shows beside this instance's own. */
export interface PeersSeen {
  unmapped: UnmappedAlertView[];
  paging: BoardNotice[];
}

/**
 * The latest view each other instance told, kept while it keeps telling: one that has
 * not been heard from within `ttlMs` (stopped, killed, cut off) is forgotten, so a board
 * never shows what a gone instance last saw. Pure: time comes from `now`.
 */
export class PeerViews {
  private readonly views = new Map<string, { view: InstanceView; heardAt: number }>();

  constructor(private readonly options: { self: string; ttlMs: number; now: () => number }) {}

  /** Takes what an instance told; true when what the boards show of the peers changed. */
  take(view: InstanceView): boolean {
    if (view.instance === this.options.self) return false;
    const before = this.fingerprint();
    this.views.set(view.instance, { view, heardAt: this.options.now() });
    return this.fingerprint() !== before;
  }

  /** Forgets the instances not heard from in time; true when what the boards show changed. */
  prune(): boolean {
    const before = this.fingerprint();
    const oldest = this.options.now() - this.options.ttlMs;
    for (const [instance, { heardAt }] of this.views) if (heardAt < oldest) this.views.delete(instance);
    return this.fingerprint() !== before;
  }

  /** What the boards show of the others. */
  seen(): PeersSeen {
    const views = [...this.views.values()].map((v) => v.view);
    return { unmapped: views.flatMap((v) => v.unmapped), paging: mergePaging(...views.map((v) => v.paging)) };
  }

  /**
   * Every configured source as listed here, with the health the instance running it told
   * for those that run elsewhere (as stored, if none told it yet).
   */
  sources(listedHere: readonly SourceView[], runningHere: ReadonlySet<string>): SourceView[] {
    const told = new Map<string, SourceView>();
    for (const { view } of this.views.values()) for (const source of view.sources) told.set(source.id, source);
    return listedHere.map((source) => (runningHere.has(source.id) ? source : { ...source, health: told.get(source.id)?.health ?? source.health }));
  }

  private fingerprint(): string {
    return JSON.stringify(this.seen());
  }
}
