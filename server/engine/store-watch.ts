import type { Logger } from '../log';
import { ErrorThrottle } from '../log-throttle';
import type { Store, StoreProblem } from '../store/store';
import type { EventBus } from './bus';

const KEY = 'store.write';

const sameProblem = (a: StoreProblem | null, b: StoreProblem | null) => a?.reason === b?.reason && a?.since === b?.since;

/**
 * Watches the engine's writes of history: a failing write is logged once and then
 * counted (a full disk fails every write), and whenever the store's write problem
 * changes, `store.health` on the bus says so, so that boards can show it.
 */
export class StoreWatch {
  private readonly errors: ErrorThrottle;
  /** What was last announced; starts as the store is, so a new engine after a reload does not repeat it. */
  private announced: StoreProblem | null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    log: Logger,
    now?: () => number,
  ) {
    this.errors = new ErrorThrottle(log, { now });
    this.announced = store.writeProblem();
  }

  /** A write of history succeeded. */
  succeeded(): void {
    this.errors.recovered(KEY, 'history is being saved again');
    this.announce();
  }

  /** A write of history failed; `message` says what is lost. */
  failed(error: unknown, message: string, fields: Record<string, unknown>): void {
    this.errors.error(KEY, error, message, fields);
    this.announce();
  }

  private announce(): void {
    const problem = this.store.writeProblem();
    if (sameProblem(problem, this.announced)) return;
    this.announced = problem;
    this.bus.emit('store.health', problem);
  }
}
