import type { MaintenanceStore } from '../../../server/maintenance/book';
import type { StoredMaintenance } from '../../../server/maintenance/model';

/** The store's maintenance methods over a map, as SQLite keeps them: saved by id, loaded when they end after a time. */
export class MemoryMaintenanceStore implements MaintenanceStore {
  readonly windows = new Map<string, StoredMaintenance>();
  /** When set, every save fails with it, as a full disk would. */
  failSaves: Error | null = null;

  async saveMaintenance(window: StoredMaintenance): Promise<void> {
    if (this.failSaves) throw this.failSaves;
    this.windows.set(window.id, structuredClone(window));
  }

  async deleteMaintenance(id: string): Promise<boolean> {
    return this.windows.delete(id);
  }

  async loadMaintenance(after: number): Promise<StoredMaintenance[]> {
    return [...this.windows.values()].filter((window) => window.until > after).map((window) => structuredClone(window));
  }
}
