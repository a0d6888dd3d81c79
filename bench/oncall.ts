import { io, type Socket } from 'socket.io-client';
import type { OncallResponse } from '../shared/api';
import type { ServerToClientEvents, SnapshotMessage } from '../shared/events';
import { decodeSnapshot } from '../shared/snapshot-codec';
import { ClientPool } from './lib/clients';
import { gunzipText } from './lib/gunzip';
import { percentile, quickRun, sleep, type Benchmark, type Measure } from './lib/measure';
import { launchServer, type ServiceSpec } from './lib/server';

const CLIENTS = 1_000;
const PROCESSES = 2;
const TEAMS = 200;
const SERVICES_PER_TEAM = 10;
const HANDOFFS = quickRun ? 10 : 40;
/** Time to start the server and connect every board before the first handoff. */
const LEAD_MS = 30_000;
/** Handoffs one after another, this far apart (whole seconds: overrides are written to the second), each on its own team. */
const GAP_MS = 1_000;
const HOUR = 3_600_000;

const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const teamId = (i: number) => `team-${String(i).padStart(3, '0')}`;

/** One board's first look: connect → snapshot decoded, and how big the snapshot was on the wire. */
async function firstLook(url: string): Promise<{ ms: number; bytes: number; teams: number }> {
  const started = performance.now();
  const socket: Socket<ServerToClientEvents> = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  try {
    const message = await new Promise<SnapshotMessage>((resolve) => socket.once('snapshot', resolve));
    const snapshot = await decodeSnapshot(message, gunzipText);
    const bytes = message.data.byteLength + (message.oncallData?.byteLength ?? 0) + JSON.stringify(message.notices ?? []).length;
    return { ms: performance.now() - started, bytes, teams: snapshot.oncall?.length ?? 0 };
  } finally {
    socket.close();
  }
}

/**
 * oncall: 2,000 services in 200 teams, each team with a weekly rotation of two people. The
 * first `HANDOFFS` teams have an override that hands their on-call to a relief person at
 * its own instant, `GAP_MS` apart, once 1,000 boards are connected. Each sample is the
 * time from that instant to the last board having the `oncall:update` with the relief
 * person; and a fresh board's first look (snapshot with on-call) and `GET /api/oncall`
 * are timed and weighed against the first-paint goals.
 */
export const oncall: Benchmark = async ({ cpuProfDir }) => {
  const now = Date.now();
  const firstHandoff = Math.ceil((now + LEAD_MS) / 1000) * 1000;
  const people = [
    { id: 'primary-a', name: 'Primary A' },
    { id: 'primary-b', name: 'Primary B' },
    { id: 'relief', name: 'Relief Person' },
  ];
  const teams = Array.from({ length: TEAMS }, (_, i) => {
    const handoffAt = firstHandoff + i * GAP_MS;
    return {
      id: teamId(i),
      name: `Team ${i}`,
      oncall: {
        rotation: { timezone: 'UTC', shift: '1w', start: local(now - HOUR), members: ['primary-a', 'primary-b'] },
        overrides: i < HANDOFFS ? [{ person: 'relief', from: local(handoffAt), to: local(handoffAt + HOUR) }] : [],
      },
    };
  });
  const services: ServiceSpec[] = Array.from({ length: TEAMS * SERVICES_PER_TEAM }, (_, i) => ({
    id: `service-${String(i).padStart(4, '0')}`,
    name: `Service ${i}`,
    team: teamId(Math.floor(i / SERVICES_PER_TEAM)),
    checks: [],
  }));
  const server = await launchServer('oncall', { people, teams, services }, cpuProfDir);
  const pool = new ClientPool(PROCESSES);
  try {
    await server.ready();
    const look = await firstLook(server.url);
    const apiMs: number[] = [];
    let apiBytes = 0;
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      const text = await (await fetch(`${server.url}/api/oncall`)).text();
      apiMs.push(performance.now() - started);
      apiBytes = Buffer.byteLength(text);
      if ((JSON.parse(text) as OncallResponse).teams.length !== TEAMS) throw new Error('GET /api/oncall did not list every team');
    }
    const wave = await pool.connect(server.url, CLIENTS, 30_000);
    if (Date.now() >= firstHandoff) throw new Error('the boards connected too slowly: the first handoff has passed');
    const handoffMs: number[] = [];
    let undelivered = 0;
    for (let i = 0; i < HANDOFFS; i += 1) {
      const at = firstHandoff + i * GAP_MS;
      const arrival = await pool.delivered(`oncall:${teamId(i)}`, 'relief', at - 100, Math.max(0, at - Date.now()) + 5_000);
      if (arrival) handoffMs.push(arrival.last - at);
      else undelivered += 1;
    }
    await sleep(200);
    const dropped = await pool.close();
    const n = handoffMs.length;
    const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({ benchmark: 'oncall', measure, value, unit, goal });
    return [
      m(`clients connected (of ${CLIENTS}, ${PROCESSES} processes)`, wave.ok, 'count'),
      m(`handoff instant → last of ${wave.ok} clients has the oncall:update, p50 (${n} handoffs)`, percentile(handoffMs, 50), 'ms'),
      m('handoff instant → last client has it, p99', percentile(handoffMs, 99), 'ms', { op: '<', limit: 250 }),
      m('handoff instant → last client has it, max', percentile(handoffMs, 100), 'ms'),
      m('handoffs not delivered to every client within 5 s', undelivered, 'count', { op: '<=', limit: 0 }),
      m(`a fresh board: connect → snapshot with ${look.teams} teams' on-call decoded`, look.ms, 'ms', { op: '<', limit: 300 }),
      m(`snapshot on the wire (${services.length} services and ${TEAMS} teams' on-call, gzip)`, look.bytes / 1024, 'KB', { op: '<', limit: 100 }),
      m('GET /api/oncall (200 teams), max of 10', percentile(apiMs, 100), 'ms', { op: '<', limit: 300 }),
      m('GET /api/oncall body (uncompressed JSON)', apiBytes / 1024, 'KB'),
      m('clients dropped by the server during the run', dropped, 'count', { op: '<=', limit: 0 }),
    ];
  } finally {
    await pool.close();
    await server.stop();
  }
};
