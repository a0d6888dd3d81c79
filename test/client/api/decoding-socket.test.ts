import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { decodingSocket } from '../../../client/api/decoding-socket';
import type { BoardSocket } from '../../../client/api/socket';
import type { SnapshotMessage, SnapshotPayload } from '../../../shared/events';
import { person, service, snapshot, teamOncall } from '../fixtures';

/** The server's side of a raw socket.io socket: events go out as the server would send them. */
class RawSocket {
  connected = true;
  active = true;
  readonly acks: Array<(message: SnapshotMessage) => void> = [];
  private readonly listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  on(event: string, listener: (...args: unknown[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(_event: string, ack: (message: SnapshotMessage) => void) {
    this.acks.push(ack);
    return this;
  }
  connect() {
    return this;
  }
  disconnect() {
    return this;
  }
  send(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

function packed(payload: SnapshotPayload): SnapshotMessage {
  const { services, oncall, ...position } = payload;
  const message: SnapshotMessage = { ...position, count: services.length, encoding: 'json+gzip', data: gzipSync(JSON.stringify(services)) };
  if (oncall) message.oncallData = gzipSync(JSON.stringify(oncall));
  return message;
}

/** A decoder that finishes only when the test says so. */
function heldDecoder() {
  const pending: Array<() => void> = [];
  const decode = (message: SnapshotMessage) =>
    new Promise<SnapshotPayload>((resolve) => pending.push(() => resolve({ ...snapshot([], message.seq, message.epoch) })));
  return { decode, release: () => pending.shift()?.() };
}

describe('the socket the board listens to', () => {
  it('delivers a snapshot decoded from the compressed message the server sends', async () => {
    const raw = new RawSocket();
    const socket = decodingSocket(raw as unknown as BoardSocket);
    const received: SnapshotPayload[] = [];
    socket.on('snapshot', (s) => received.push(s));
    raw.send('snapshot', packed(snapshot([service('api', 'down')], 4)));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ epoch: 'e1', seq: 4, services: [{ id: 'api', status: 'down' }] });
  });

  it("delivers the teams' on-call the server sends compressed beside the list", async () => {
    const raw = new RawSocket();
    const socket = decodingSocket(raw as unknown as BoardSocket);
    const received: SnapshotPayload[] = [];
    socket.on('snapshot', (s) => received.push(s));
    const oncall = [teamOncall('payments', 'Payments', person('alice', 'Alice Liddell'))];
    raw.send('snapshot', packed({ ...snapshot([service('api')], 4), oncall }));
    raw.send('snapshot', packed(snapshot([service('api')], 5)));
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[0]!.oncall).toEqual(oncall);
    // Absent: no team has a schedule.
    expect(received[1]!.oncall).toEqual([]);
  });

  it('a delta that arrives while the snapshot is still decoding is delivered after it, in order', async () => {
    const raw = new RawSocket();
    const { decode, release } = heldDecoder();
    const socket = decodingSocket(raw as unknown as BoardSocket, decode);
    const order: string[] = [];
    socket.on('snapshot', (s) => order.push(`snapshot ${s.seq}`));
    socket.on('service:update', (d) => order.push(`delta ${d.seq}`));
    socket.on('heartbeat', (h) => order.push(`heartbeat ${h.seq}`));
    raw.send('snapshot', packed(snapshot([], 5)));
    raw.send('service:update', { epoch: 'e1', seq: 6, services: [service('api')] });
    raw.send('heartbeat', { epoch: 'e1', seq: 6, at: '' });
    expect(order).toEqual([]);
    release();
    await vi.waitFor(() => expect(order).toEqual(['snapshot 5', 'delta 6', 'heartbeat 6']));
  });

  it('with nothing decoding, deltas are delivered at once', () => {
    const raw = new RawSocket();
    const socket = decodingSocket(raw as unknown as BoardSocket);
    const seqs: number[] = [];
    socket.on('service:update', (d) => seqs.push(d.seq));
    raw.send('service:update', { epoch: 'e1', seq: 1, services: [service('api')] });
    expect(seqs).toEqual([1]);
  });

  it('the answer to a snapshot request reaches the caller decoded', async () => {
    const raw = new RawSocket();
    const socket = decodingSocket(raw as unknown as BoardSocket);
    const answers: SnapshotPayload[] = [];
    socket.emit('snapshot:request', (s) => answers.push(s));
    raw.acks[0]!(packed(snapshot([service('db')], 9, 'e2')));
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    expect(answers[0]).toMatchObject({ epoch: 'e2', seq: 9, services: [{ id: 'db' }] });
  });

  it('a snapshot that cannot be read is dropped, and later messages still arrive', async () => {
    const raw = new RawSocket();
    const socket = decodingSocket(raw as unknown as BoardSocket);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    socket.on('snapshot', (s) => seen.push(`snapshot ${s.seq}`));
    socket.on('heartbeat', (h) => seen.push(`heartbeat ${h.seq}`));
    raw.send('snapshot', { ...packed(snapshot([], 1)), data: new Uint8Array([1, 2, 3]) });
    raw.send('heartbeat', { epoch: 'e1', seq: 1, at: '' });
    raw.send('snapshot', packed(snapshot([], 2)));
    await vi.waitFor(() => expect(seen).toEqual(['heartbeat 1', 'snapshot 2']));
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });
});
