import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** One WebSocket frame as it crossed the wire. */
export interface Frame {
  opcode: number;
  /** RSV1: the payload is permessage-deflate compressed. */
  compressed: boolean;
  /** Header and payload bytes. */
  wireBytes: number;
}

/** Follows a server → client byte stream: the HTTP upgrade answer, then WebSocket frames. */
export class WireCounter {
  bytes = 0;
  headerBytes = 0;
  readonly frames: Frame[] = [];
  private pending = Buffer.alloc(0);
  private inHeaders = true;
  private skip = 0;

  feed(chunk: Buffer): void {
    this.bytes += chunk.length;
    let data = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      data = data.subarray(n);
    }
    this.pending = Buffer.concat([this.pending, data]);
    if (this.inHeaders) {
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.headerBytes = end + 4;
      this.pending = this.pending.subarray(end + 4);
      this.inHeaders = false;
    }
    while (this.skip === 0 && this.pending.length >= 2) if (!this.takeFrame()) break;
  }

  /** Reads one frame header from `pending` and arranges to skip its payload. */
  private takeFrame(): boolean {
    const b0 = this.pending[0]!;
    const b1 = this.pending[1]!;
    const len7 = b1 & 0x7f;
    const header = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (b1 & 0x80 ? 4 : 0);
    if (this.pending.length < header) return false;
    const payload = len7 === 126 ? this.pending.readUInt16BE(2) : len7 === 127 ? Number(this.pending.readBigUInt64BE(2)) : len7;
    this.frames.push({ opcode: b0 & 0x0f, compressed: (b0 & 0x40) !== 0, wireBytes: header + payload });
    const inBuffer = Math.min(payload, this.pending.length - header);
    this.skip = payload - inBuffer;
    this.pending = this.pending.subarray(header + inBuffer);
    return true;
  }
}

/**
 * A loopback TCP relay in front of the server that counts what the server sends: the
 * exact bytes a client receives, whatever client library sits on top.
 */
export async function countingRelay(serverPort: number): Promise<{ port: number; counters: WireCounter[]; close(): Promise<void> }> {
  const counters: WireCounter[] = [];
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(serverPort, '127.0.0.1');
    const counter = new WireCounter();
    counters.push(counter);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    upstream.on('data', (chunk: Buffer) => counter.feed(chunk));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as AddressInfo).port,
    counters,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}
