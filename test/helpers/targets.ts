import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** How a test target behaves right now; tests switch it while the server runs. */
export type TargetMode = 'up' | 'down' | 'hang' | 'slow' | 'reset' | 'garbage' | 'endless';

export interface HttpTarget {
  url: string;
  port: number;
  mode: TargetMode;
  /** Requests received so far. */
  hits: number;
  /** Delay used by `slow`. */
  slowMs: number;
  close(): Promise<void>;
}

function answer(target: HttpTarget, req: IncomingMessage, res: ServerResponse, sockets: Set<Socket>) {
  target.hits += 1;
  switch (target.mode) {
    case 'up':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK all good');
      return;
    case 'down':
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      return;
    case 'hang':
      return; // never answers
    case 'slow':
      setTimeout(() => res.writeHead(200).end('OK but slow'), target.slowMs);
      return;
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'garbage':
      req.socket.end('this is not HTTP at all\r\n\r\n');
      return;
    case 'endless': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
  }
  void sockets;
}

/** A real HTTP server on 127.0.0.1 whose behaviour a test can switch. */
export async function startHttpTarget(mode: TargetMode = 'up'): Promise<HttpTarget> {
  const sockets = new Set<Socket>();
  const target: HttpTarget = {
    url: '',
    port: 0,
    mode,
    hits: 0,
    slowMs: 500,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => answer(target, req, res, sockets));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.port = (server.address() as AddressInfo).port;
  target.url = `http://127.0.0.1:${target.port}`;
  return target;
}

export interface TcpTarget {
  port: number;
  close(): Promise<void>;
}

/**
 * A TCP listener on 127.0.0.1 that accepts and holds connections, silent unless
 * `onConnection` makes it say something.
 */
export async function startTcpTarget(port = 0, onConnection?: (socket: Socket) => void): Promise<TcpTarget> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection?.(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A free port below the kernel's ephemeral range, for a test that stops a listener and
 * starts it again on the same port: an ephemeral port could meanwhile be taken as the
 * local end of some outgoing connection, and the restart would fail.
 */
export async function stablePort(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
  const low = Number(range.trim().split(/\s+/)[0]) || 32768;
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 10_000 + Math.floor(Math.random() * (low - 10_000));
    const free = await startTcpTarget(port).then(
      async (t) => (await t.close(), true),
      () => false,
    );
    if (free) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const target = await startTcpTarget();
  await target.close();
  return target.port;
}
