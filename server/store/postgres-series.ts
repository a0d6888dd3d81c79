import type { Sql } from './postgres-pool';
import { storedCheck } from './rollup-rows';
import type { RollupKey } from './store';

const keyOf = (serviceId: string, checkId: string | null) => `${serviceId}\u0000${storedCheck(checkId)}`;

/**
 * Series numbers by service and check (the service's own series has check ''), cached:
 * a series is never renumbered, and every result needs one. Made with ON CONFLICT DO
 * NOTHING, so instances making the same series at once agree on its number.
 */
export class PgSeries {
  private readonly ids = new Map<string, number>();

  /** The number of a series this instance has made or found, if it has. */
  idOf(serviceId: string, checkId: string | null): number | undefined {
    return this.ids.get(keyOf(serviceId, checkId));
  }

  /** Makes the series that do not exist yet, and learns every one's number. */
  async ensure(sql: Sql, keys: readonly RollupKey[]): Promise<void> {
    const unknown = await this.find(sql, keys);
    if (unknown.length === 0) return;
    await sql.query(
      'INSERT INTO series (service_id, check_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (service_id, check_id) DO NOTHING',
      columns(unknown),
    );
    await this.find(sql, unknown);
  }

  /** Learns the numbers of those series that exist (without making any); returns the keys that have none. */
  async find(sql: Sql, keys: readonly RollupKey[]): Promise<RollupKey[]> {
    const wanted = new Map<string, RollupKey>();
    for (const key of keys) if (this.idOf(key.serviceId, key.checkId) === undefined) wanted.set(keyOf(key.serviceId, key.checkId), key);
    if (wanted.size === 0) return [];
    const { rows } = await sql.query<{ id: number; service_id: string; check_id: string }>(
      `SELECT s.id, s.service_id, s.check_id FROM series s
       JOIN unnest($1::text[], $2::text[]) AS k(service_id, check_id) ON s.service_id = k.service_id AND s.check_id = k.check_id`,
      columns([...wanted.values()]),
    );
    for (const row of rows) {
      const key = keyOf(row.service_id, row.check_id);
      this.ids.set(key, row.id);
      wanted.delete(key);
    }
    return [...wanted.values()];
  }
}

/** Keys as two columns for unnest. */
function columns(keys: readonly RollupKey[]): [string[], string[]] {
  return [keys.map((k) => k.serviceId), keys.map((k) => storedCheck(k.checkId))];
}
