/** A maintenance window made through `POST /api/maintenance` (config windows are not stored). */
export interface StoredMaintenance {
  id: string;
  services: string[];
  /** Epoch ms; [from, until). */
  from: number;
  until: number;
  reason: string;
  /** Who asked for it, when known (a person's id or a script's name). */
  createdBy: string | null;
  createdAt: number;
}
