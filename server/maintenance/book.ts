import { randomInt } from 'node:crypto';
import type { Store } from '../store/store';
import { MaintenanceCalendar } from './calendar';
import type { MaintenanceWindowConfig } from './config';
import type { StoredMaintenance } from './model';

/** What the book needs of the store: the windows made through the API. */
export type MaintenanceStore = Pick<Store, 'saveMaintenance' | 'deleteMaintenance' | 'loadMaintenance'>;

/** A window to make, already checked (see `readMaintenanceRequest`): its services exist, it ends after it starts and after now. */
export interface NewMaintenance {
  services: string[];
  /** Epoch ms; [from, until). */
  from: number;
  until: number;
  reason: string;
  createdBy: string | null;
}

/** How `end` went: the window was ended, is the config's (only the file can end it), or is not known. */
export type EndOutcome = 'ended' | 'config' | 'unknown';

export interface MaintenanceBookOptions {
  store: MaintenanceStore;
  /** The clock; `Date.now` unless a test gives its own. */
  now?: () => number;
  /** Called after every change of the windows, so the statuses they decide are judged again. */
  onChange: () => void;
}

const ID_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `m-` and 8 random base-36 characters: short enough to type into a DELETE, too many to guess. */
function randomId(): string {
  let id = 'm-';
  for (let i = 0; i < 8; i += 1) id += ID_CHARS[randomInt(ID_CHARS.length)];
  return id;
}

/**
 * The maintenance windows of the running server: the config's (replaced on reload) and
 * those made through the API (kept in the store, so a restart keeps them). Each change
 * makes a new `MaintenanceCalendar` and calls `onChange`.
 */
export class MaintenanceBook {
  private readonly store: MaintenanceStore;
  private readonly now: () => number;
  private readonly onChange: () => void;
  private config: readonly MaintenanceWindowConfig[] = [];
  private stored: StoredMaintenance[] = [];
  private current: MaintenanceCalendar = new MaintenanceCalendar([], []);

  constructor(options: MaintenanceBookOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange;
  }

  /** Reads the API windows that have not ended from the store, in place of those held. */
  async load(): Promise<void> {
    this.stored = await this.store.loadMaintenance(this.now());
    this.changed();
  }

  /** The config's `maintenance` windows, after a start or a reload: the config itself, or its list. */
  setConfig(config: { maintenance: readonly MaintenanceWindowConfig[] } | readonly MaintenanceWindowConfig[]): void {
    this.config = 'maintenance' in config ? config.maintenance : config;
    this.changed();
  }

  /** The calendar of the windows as they are now; a new one after each change. */
  calendar(): MaintenanceCalendar {
    return this.current;
  }

  /** Makes a window and stores it, under a new id; resolves once it is stored and in the calendar. */
  async add(input: NewMaintenance): Promise<StoredMaintenance> {
    let id = randomId();
    while (this.current.originOf(id) !== null) id = randomId();
    const window: StoredMaintenance = {
      id,
      services: [...input.services],
      from: input.from,
      until: input.until,
      reason: input.reason,
      createdBy: input.createdBy,
      createdAt: this.now(),
    };
    await this.store.saveMaintenance(window);
    this.stored = [...this.stored, window];
    this.changed();
    return window;
  }

  /**
   * Ends an API window at once, deleting it from the store (also one another instance
   * made). A config window is not ended here: the file would bring it back on reload.
   */
  async end(id: string): Promise<EndOutcome> {
    if (this.config.some((window) => window.id === id)) return 'config';
    const existed = await this.store.deleteMaintenance(id);
    const held = this.stored.some((window) => window.id === id);
    if (!existed && !held) return 'unknown';
    this.stored = this.stored.filter((window) => window.id !== id);
    this.changed();
    return 'ended';
  }

  private changed(): void {
    const now = this.now();
    // An ended window changes nothing again; letting it go keeps the calendar small.
    this.stored = this.stored.filter((window) => window.until > now);
    this.current = new MaintenanceCalendar(this.config, this.stored);
    this.onChange();
  }
}
