import pg from 'pg';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { ErrorThrottle } from '../log-throttle';
import type { Ownership } from './ownership';
import { hash32, rebalance, SHARD_COUNT } from './shards';

export interface PgLeaseOptions {
  /** Where the instances meet: the same PostgreSQL database as the store. */
  connection: pg.ClientConfig;
  /** Instances with the same namespace share the work (one per schema, so clusters in one database stay apart). */
  namespace: string;
  /** This instance's name, unique among the live ones. */
  memberId: string;
  /** Where the other instances reach this one over HTTP (`http://10.0.0.7:8080`), to hand it what it leads. */
  address?: string | undefined;
  log: Logger;
  /** How often shards are rebalanced and lost ones taken (default 2 s). */
  roundMs?: number;
  /**
   * After this instance has lost its connection and made it again, how long it takes no
   * shard but its own (default three rounds): long enough for the others, cut off too, to
   * come back and take theirs again, so that no check runs on two instances at once.
   */
  rejoinGraceMs?: number;
  count?: number;
}

/** How long connecting or one lease query may take before the round counts as failed. */
const LEASE_TIMEOUT_MS = 5_000;

/** The application_name prefix of lease connections: which instances are alive is which connections are open. */
const PREFIX = 'gb-lease:';

/**
 * Shards held as PostgreSQL session advisory locks on one dedicated connection. Who is
 * alive is read from PostgreSQL itself: an instance is alive while its lease connection is
 * open, and when a process dies, even by kill -9, PostgreSQL closes its connection and
 * releases its locks at once. Every round, each instance takes free shards up to its fair
 * share and lets go of what it holds beyond it, so the work moves off a dead instance
 * within a round and back onto one that returns. While PostgreSQL is unreachable an
 * instance keeps running what it holds (checks never stop for it); back, it re-takes its
 * own shards first and, for a grace, no one else's. No election, no consensus of our own:
 * PostgreSQL's lock manager decides every contested shard.
 */
export class PgShardLeases implements Ownership {
  /** Whether no other instance was alive at the last round. */
  get alone(): boolean {
    return this.members <= 1;
  }
  private client: pg.Client | null = null;
  private readonly heldShards = new Set<number>();
  private readonly listeners = new Set<(change: { gained: number[]; lost: number[] }) => void | Promise<void>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly lockClass: number;
  private readonly errors: ErrorThrottle;
  /** How many instances were alive at the last round (this one included). */
  members = 1;
  /** Who held each shard at the last round, with the address it gave. */
  private holders = new Map<number, { memberId: string; address: string | null }>();
  /** Whether a connection was ever made: the next one is a return, not a start. */
  private everConnected = false;
  /** Until when this instance, just back, takes no shard of another's. */
  private rejoiningUntil = 0;

  constructor(private readonly options: PgLeaseOptions) {
    // The advisory key space is the whole database: the namespace picks this cluster's part of it.
    this.lockClass = hash32(`greenboard:${options.namespace}`) & 0x7fffffff;
    this.errors = new ErrorThrottle(options.log);
    if (Buffer.byteLength(this.applicationName) > 63) {
      throw new AppError(
        'bad_instance',
        `the instance name and address are too long for PostgreSQL to list (${Buffer.byteLength(this.applicationName)} of 63 bytes): shorten GREENBOARD_INSTANCE_ID or GREENBOARD_ADVERTISE_URL`,
      );
    }
  }

  holds(shard: number): boolean {
    return this.heldShards.has(shard);
  }

  /** The address of the instance that held `shard` at the last round; null when none did or it gave none. */
  addressOf(shard: number): string | null {
    if (this.heldShards.has(shard)) return this.options.address ?? null;
    return this.holders.get(shard)?.address ?? null;
  }

  /**
   * This instance as PostgreSQL lists it: the cluster (a hash of its namespace), its name
   * and its address, in the 63 bytes PostgreSQL keeps. Who is alive, and where, is read
   * from these names, with no table of its own.
   */
  get applicationName(): string {
    return `${PREFIX}${this.namespaceTag}:${this.options.memberId}${this.options.address ? `@${this.options.address}` : ''}`;
  }

  private get namespaceTag(): string {
    return this.lockClass.toString(36);
  }

  held(): number[] {
    return [...this.heldShards].sort((a, b) => a - b);
  }

  onChange(listener: (change: { gained: number[]; lost: number[] }) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes a first share and keeps rebalancing until stopped. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.round();
    this.schedule();
  }

  /** Lets go of every shard (its work stopped first) and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.apply({ take: [], release: [...this.heldShards] });
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  /** One round now (tests, and a quicker hand-back on stop). */
  round(): Promise<void> {
    this.running = this.running
      .then(() => this.roundNow())
      .catch((error: unknown) => this.errors.error('lease', error, 'could not rebalance shards; keeping what is held'));
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.round().finally(() => this.schedule()), this.options.roundMs ?? 2_000);
    this.timer.unref();
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      // A lease round that hangs holds every later one: a server gone silent is a failed round.
      connectionTimeoutMillis: LEASE_TIMEOUT_MS,
      query_timeout: LEASE_TIMEOUT_MS,
      ...this.options.connection,
      application_name: this.applicationName,
      keepAlive: true,
    });
    client.on('error', () => undefined); // seen as a failed query at the next round
    await client.connect();
    this.client = client;
    // Back after losing PostgreSQL: the others that lost it too still run their shards, which
    // look free until they are back. Taking them now would run those checks twice.
    if (this.everConnected) this.rejoiningUntil = Date.now() + (this.options.rejoinGraceMs ?? 3 * (this.options.roundMs ?? 2_000));
    this.everConnected = true;
    // A new connection holds no lock: re-take what this instance was running, before anyone else can.
    const kept: number[] = [];
    for (const shard of this.heldShards) if (await this.tryLock(client, shard)) kept.push(shard);
    const lost = [...this.heldShards].filter((s) => !kept.includes(s));
    if (lost.length > 0) {
      for (const s of lost) this.heldShards.delete(s);
      await this.tell({ gained: [], lost });
    }
    return client;
  }

  private async roundNow(): Promise<void> {
    if (this.stopped && this.heldShards.size === 0) return;
    let client: pg.Client;
    try {
      client = await this.connect();
    } catch (error) {
      // PostgreSQL unreachable: keep running what is held (no one can take it meanwhile).
      this.client = null;
      throw error;
    }
    try {
      // Every lease connection of this cluster, with the shards each holds.
      const rows = await client.query<{ name: string; shard: number | null }>(
        `SELECT a.application_name AS name, l.objid::int AS shard
           FROM pg_stat_activity a
           LEFT JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.classid = $2 AND l.granted
          WHERE a.datname = current_database() AND starts_with(a.application_name, $1)`,
        [`${PREFIX}${this.namespaceTag}:`, this.lockClass],
      );
      const names = new Set<string>();
      const holders = new Map<number, { memberId: string; address: string | null }>();
      for (const row of rows.rows) {
        names.add(row.name);
        const [memberId = '', address = null] = row.name.slice(PREFIX.length + this.namespaceTag.length + 1).split('@');
        if (row.shard !== null) holders.set(row.shard, { memberId, address });
      }
      this.members = Math.max(1, names.size);
      this.holders = holders;
      const plan = rebalance({ memberId: this.options.memberId, held: this.heldShards, live: this.members, count: this.count });
      await this.apply(plan);
      this.errors.recovered('lease', 'shards are rebalanced again');
    } catch (error) {
      await client.end().catch(() => undefined);
      this.client = null;
      throw error;
    }
  }

  private get count(): number {
    return this.options.count ?? SHARD_COUNT;
  }

  private async apply(plan: { take: number[]; release: number[] }): Promise<void> {
    if (plan.release.length > 0) {
      // The work stops before the lock goes: the next holder never overlaps this one.
      for (const s of plan.release) this.heldShards.delete(s);
      await this.tell({ gained: [], lost: plan.release });
      if (this.client) {
        for (const shard of plan.release) await this.client.query('SELECT pg_advisory_unlock($1, $2)', [this.lockClass, shard]).catch(() => undefined);
      }
    }
    if (plan.take.length === 0 || !this.client || this.stopped || Date.now() < this.rejoiningUntil) return;
    const want = Math.ceil(this.count / Math.max(1, this.members)) - this.heldShards.size;
    const gained: number[] = [];
    for (const shard of plan.take) {
      if (gained.length >= want) break;
      if (await this.tryLock(this.client, shard)) gained.push(shard);
    }
    if (gained.length === 0) return;
    for (const s of gained) this.heldShards.add(s);
    await this.tell({ gained, lost: [] });
  }

  private async tryLock(client: pg.Client, shard: number): Promise<boolean> {
    const result = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [this.lockClass, shard]);
    return result.rows[0]?.ok === true;
  }

  private async tell(change: { gained: number[]; lost: number[] }): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.options.log.error({ err: error }, 'a shard change could not be applied in full');
      }
    }
  }
}
