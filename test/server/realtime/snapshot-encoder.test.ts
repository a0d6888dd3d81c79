import { describe, expect, it } from 'vitest';
import type { BoardNotice, ServiceView } from '../../../shared/api';
import { decodeSnapshot } from '../../../shared/snapshot-codec';
import { SnapshotEncoder } from '../../../server/realtime/snapshot-encoder';

function view(id: string, status: ServiceView['status'] = 'up'): ServiceView {
  return { id, name: id, team: null, status, since: null, impactedBy: [], dependsOn: [], links: {}, checks: [], oncall: null, upstream: null };
}

/** An encoder over a board we can change, counting how often it was read. */
function boardOf(...services: ServiceView[]) {
  const board = { services, reads: 0 };
  const encoder = new SnapshotEncoder(() => {
    board.reads += 1;
    return board.services;
  });
  return { board, encoder };
}

describe('the snapshot encoder', () => {
  it('a snapshot decodes back to the board it was made from, at the position it was asked for', async () => {
    const { encoder } = boardOf(view('api'), view('db', 'down'));
    const message = encoder.encode({ epoch: 'e1', seq: 7 });
    expect(message).toMatchObject({ epoch: 'e1', seq: 7, count: 2, encoding: 'json+gzip' });
    const snapshot = await decodeSnapshot(message);
    expect(snapshot).toEqual({ epoch: 'e1', seq: 7, generatedAt: message.generatedAt, services: [view('api'), view('db', 'down')], notices: [] });
  });

  it('a snapshot carries the notices of its moment; a change of notices, once invalidated, makes a new one', async () => {
    let notices: BoardNotice[] = [];
    const encoder = new SnapshotEncoder(
      () => [view('api')],
      () => notices,
    );
    const before = encoder.encode({ epoch: 'e1', seq: 1 });
    notices = [{ code: 'history-not-saved', message: 'History is not being saved: the disk is full.', since: '2026-11-20T18:00:00.000Z' }];
    encoder.invalidate();
    const after = encoder.encode({ epoch: 'e1', seq: 1 });
    expect((await decodeSnapshot(before)).notices).toEqual([]);
    expect((await decodeSnapshot(after)).notices).toEqual(notices);
  });

  it('boards connecting while nothing changes share one encoding', () => {
    const { board, encoder } = boardOf(view('api'));
    const first = encoder.encode({ epoch: 'e1', seq: 3 });
    for (let i = 0; i < 100; i += 1) expect(encoder.encode({ epoch: 'e1', seq: 3 })).toBe(first);
    expect(board.reads).toBe(1);
  });

  it('a new delta, a new epoch or an invalidation makes a fresh snapshot with the current board', async () => {
    const { board, encoder } = boardOf(view('api'));
    encoder.encode({ epoch: 'e1', seq: 3 });
    board.services = [view('api', 'down')];
    expect((await decodeSnapshot(encoder.encode({ epoch: 'e1', seq: 4 }))).services[0]?.status).toBe('down');
    board.services = [view('api', 'degraded')];
    expect((await decodeSnapshot(encoder.encode({ epoch: 'e2', seq: 4 }))).services[0]?.status).toBe('degraded');
    board.services = [view('api'), view('new')];
    encoder.invalidate();
    expect((await decodeSnapshot(encoder.encode({ epoch: 'e2', seq: 4 }))).services.map((s) => s.id)).toEqual(['api', 'new']);
    expect(board.reads).toBe(4);
  });

  it('compresses: a large board travels in a small fraction of its JSON size', () => {
    const services = Array.from({ length: 2_000 }, (_, i) => view(`service-${i}`, i % 40 === 0 ? 'down' : 'up'));
    const { encoder } = boardOf(...services);
    const message = encoder.encode({ epoch: 'e1', seq: 0 });
    expect(message.data.byteLength).toBeLessThan(JSON.stringify(services).length / 10);
  });
});

describe('decoding a snapshot', () => {
  it('refuses an encoding it does not know, and a body that does not hold what it claims', async () => {
    const { encoder } = boardOf(view('api'));
    const message = encoder.encode({ epoch: 'e1', seq: 0 });
    await expect(decodeSnapshot({ ...message, encoding: 'brotli' as 'json+gzip' })).rejects.toThrow('snapshot encoding "brotli" is not supported');
    await expect(decodeSnapshot({ ...message, count: 3 })).rejects.toThrow('snapshot holds 1 services, expected 3');
    await expect(decodeSnapshot({ ...message, data: new Uint8Array([1, 2, 3]) })).rejects.toThrow();
  });
});
