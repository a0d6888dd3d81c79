import { connect, type Socket } from 'node:net';

/** A TCP connection that speaks whatever bytes a test writes, as a broken or hostile client would. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server has sent so far. */
  received(): string;
  /** Resolves once the server (or the test) has closed the connection. */
  closed: Promise<void>;
  /** The socket error the connection ended with (`ECONNRESET`, `EPIPE`), if it did not close in order. */
  failure(): string | undefined;
}

/**
 * Connects to the host and port of `url` and waits until the connection is open. With
 * `halfOpen` it goes on sending after the server closes its side (by default it closes too).
 */
export async function openRaw(url: string, { halfOpen = false } = {}): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: halfOpen });
  let received = '';
  let failure: string | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  // A server that cuts the connection may reset it: that is a close, noted for the test to judge.
  socket.on('error', (error: NodeJS.ErrnoException) => (failure ??= error.code ?? error.message));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => received, closed, failure: () => failure };
}

/** Sends `text` on a fresh connection and returns all the server sent before it closed. */
export async function exchange(url: string, text: string): Promise<string> {
  const raw = await openRaw(url);
  raw.socket.write(text);
  await raw.closed;
  return raw.received();
}

/** A parsed raw HTTP response: status, headers (lower-case names) and body. */
export function parseResponse(text: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', body = ''] = text.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

/** A request body that never ends: 64 KiB chunks for as long as anyone reads them. */
export function endlessBody(): { stream: ReadableStream<Uint8Array>; sent(): number } {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

/**
 * Writes `head`, then 64 KiB chunks as fast as the connection takes them, as an uploading
 * client that reads the answer only when it is done; it stops when its side is closed (at
 * the server's close, unless opened `halfOpen`, which sends until the server cuts it).
 */
export function uploadEndlessly(raw: RawConnection, head: string): void {
  const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`;
  const sendMore = (): void => {
    while (!raw.socket.destroyed && !raw.socket.writableEnded) if (!raw.socket.write(chunk)) return void raw.socket.once('drain', sendMore);
  };
  raw.socket.write(head);
  sendMore();
}
