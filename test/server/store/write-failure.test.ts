import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardNotice, ServicesResponse } from '../../../shared/api';
import { decodeSnapshot } from '../../../shared/snapshot-codec';
import type { SqliteStore } from '../../../server/store/sqlite';
import { connectClient, startBoard, type BoardClient, type RunningBoard } from '../../helpers/board';
import { capturingLogger, ERROR, INFO, type LogLine } from '../../helpers/log-lines';
import { startTcpTarget, type TcpTarget } from '../../helpers/targets';
import { waitFor } from '../../helpers/wait';

/** The store's own connection: SQLite's page limit is per connection. */
const connectionOf = (store: SqliteStore) => (store as unknown as { db: Database.Database }).db;

/**
 * Fills the database to its page limit, as a full disk would: SQLite refuses to grow the
 * file past `max_page_count` with SQLITE_FULL, the very error a full disk gives.
 */
function fillUp(store: SqliteStore): void {
  const db = connectionOf(store);
  db.pragma('max_page_count = 1'); // never below the current size: this caps it there
  const filler = db.prepare('INSERT INTO samples (series, at, outcome) VALUES (-1, ?, 0)');
  for (let at = 0; ; at++) {
    try {
      filler.run(at);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_FULL') return;
      throw error;
    }
  }
}

/** Makes room again, as freeing disk space would. */
function makeRoom(store: SqliteStore): void {
  const db = connectionOf(store);
  db.pragma('max_page_count = 1073741823');
  db.prepare('DELETE FROM samples WHERE series = -1').run();
}

describe('when the store cannot write', () => {
  let target: TcpTarget;
  let board: RunningBoard;
  let client: BoardClient;
  let lines: LogLine[];
  const beats: Array<BoardNotice[] | undefined> = [];
  const results: string[] = [];

  beforeAll(async () => {
    target = await startTcpTarget();
    const capture = capturingLogger();
    lines = capture.lines;
    board = await startBoard(
      `
services:
  - id: orders-db
    name: Orders DB
    checks:
      - { id: port, type: tcp, host: 127.0.0.1, port: ${target.port}, interval: 1s, timeout: 500ms }
      - { id: port-again, type: tcp, host: 127.0.0.1, port: ${target.port}, interval: 1s, timeout: 500ms }
`,
      { log: capture.log, heartbeatMs: 60_000 },
    );
    client = await connectClient(board.url);
    client.socket.on('heartbeat', (beat) => void beats.push(beat.notices));
    client.socket.on('check:result', ({ result }) => void results.push(result.checkId));
    client.socket.emit('service:watch', 'orders-db');
    await waitFor(() => client.service('orders-db')?.status === 'up', 'orders-db up');
  });

  afterAll(async () => {
    client.close();
    await board.close();
    await target.close();
  });

  const readyz = async () => {
    const response = await fetch(`${board.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
  };
  const apiNotices = async () => ((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).notices;
  const storeErrors = () => lines.filter((l) => l.level === ERROR && /could not store/.test(l.msg));

  it('readiness fails, every board and the API say history is not being saved, and the log says it once', async () => {
    expect((await readyz()).status).toBe(200);
    expect(await apiNotices()).toEqual([]);
    fillUp(board.store);

    const notReady = await waitFor(async () => {
      const answer = await readyz();
      return answer.status === 503 && answer;
    }, 'readyz to fail');
    expect(notReady.body.error?.message).toBe('history is not being saved: the disk is full (SQLITE_FULL)');

    const notice = { code: 'history-not-saved', message: expect.stringMatching(/^History is not being saved: the disk is full/), since: expect.any(String) };
    await waitFor(() => beats.at(-1)?.length === 1, 'a heartbeat with the notice');
    expect(beats.at(-1)).toEqual([notice]);
    expect(await apiNotices()).toEqual([notice]);
    const fresh = await connectClient(board.url);
    expect(fresh.snapshots[0]!.notices).toEqual([notice]);
    fresh.close();

    // Results keep coming and keep failing to be stored; the log has said so once.
    const seen = results.length;
    await waitFor(() => results.length >= seen + 4, 'four more results');
    expect(storeErrors()).toHaveLength(1);
    expect(storeErrors()[0]!.err).toMatchObject({ code: 'SQLITE_FULL' });
  });

  it('once there is room again, all of it clears, and the log counts the failures it did not repeat', async () => {
    makeRoom(board.store);
    await waitFor(async () => (await readyz()).status === 200, 'readyz to pass again');
    await waitFor(() => beats.at(-1)?.length === 0, 'a heartbeat without the notice');
    expect(await apiNotices()).toEqual([]);
    const snapshot = await new Promise<Parameters<typeof decodeSnapshot>[0]>((resolve) => client.socket.emit('snapshot:request', resolve));
    expect((await decodeSnapshot(snapshot)).notices).toEqual([]);
    const recovered = lines.filter((l) => l.level === INFO && l.msg === 'history is being saved again');
    expect(recovered).toHaveLength(1);
    expect(recovered[0]!.repeats).toBeGreaterThanOrEqual(3);
    expect(storeErrors()).toHaveLength(1);
  });
});
