import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents, SnapshotPayload } from '../shared/events';
import { decodeSnapshot } from '../shared/snapshot-codec';
import { gunzipText } from './lib/gunzip';
import { percentile, type Benchmark, type Measure } from './lib/measure';
import { allChecked, launchServer, manyServices } from './lib/server';
import { Target } from './lib/target';
import { countingRelay } from './lib/wire';

const SERVICES = 2_000;
const TIMED_CONNECTS = 10;
const KB = 1024;

/** Connects one board client and resolves with its snapshot and how long it took (ms). */
export function firstSnapshot(url: string, timeoutMs = 10_000): Promise<{ ms: number; snapshot: SnapshotPayload }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket: Socket<ServerToClientEvents> = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs });
    const timer = setTimeout(() => finish(new Error('no snapshot in time')), timeoutMs);
    const finish = (error: Error | null, snapshot?: SnapshotPayload) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve({ ms, snapshot: snapshot! });
    };
    socket.once(
      'snapshot',
      (message) =>
        void decodeSnapshot(message, gunzipText).then(
          (snapshot) => finish(null, snapshot),
          (error: Error) => finish(error),
        ),
    );
    socket.once('connect_error', (error) => finish(error));
  });
}

/**
 * first-paint: a board of 2,000 services (one http check each, every check already run);
 * one client connects. Wire size is counted by a loopback relay that parses the
 * WebSocket frames; times come from direct connections, each a fresh client.
 */
export const firstPaint: Benchmark = async ({ cpuProfDir }) => {
  const target = new Target();
  await target.listen();
  const server = await launchServer('first-paint', manyServices(SERVICES, target.url(), '60s'), cpuProfDir);
  const relay = await countingRelay(Number(new URL(server.url).port));
  try {
    await server.ready();
    await allChecked(server.url, 40_000);

    const { snapshot } = await firstSnapshot(`http://127.0.0.1:${relay.port}`);
    const wire = relay.counters[0]!;
    const dataFrames = wire.frames.filter((f) => f.opcode === 1 || f.opcode === 2);
    const snapshotFrame = dataFrames.reduce((a, b) => (b.wireBytes > a.wireBytes ? b : a));
    const untilSnapshot = wire.headerBytes + wire.frames.slice(0, wire.frames.indexOf(snapshotFrame) + 1).reduce((sum, f) => sum + f.wireBytes, 0);
    const jsonBytes = Buffer.byteLength(JSON.stringify(snapshot.services));

    await firstSnapshot(server.url); // warm-up, not counted
    const times: number[] = [];
    for (let i = 0; i < TIMED_CONNECTS; i += 1) times.push((await firstSnapshot(server.url)).ms);

    const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({
      benchmark: 'first-paint',
      measure,
      value,
      unit,
      goal,
    });
    return [
      m(`connect start → snapshot of ${snapshot.services.length} services decoded, p50 (${TIMED_CONNECTS} clients)`, percentile(times, 50), 'ms'),
      m('connect start → snapshot decoded, max', Math.max(...times), 'ms', { op: '<', limit: 300 }),
      m(
        `snapshot frame on the wire (${snapshotFrame.opcode === 2 ? 'gzip, encoded once' : 'text'}${snapshotFrame.compressed ? ', permessage-deflate' : ''})`,
        snapshotFrame.wireBytes / KB,
        'KB',
        { op: '<', limit: 100 },
      ),
      m('all bytes received until the snapshot (upgrade + handshake + snapshot)', untilSnapshot / KB, 'KB'),
      m('service list as uncompressed JSON', jsonBytes / KB, 'KB'),
    ];
  } finally {
    await relay.close();
    await server.stop();
    await target.close();
  }
};
