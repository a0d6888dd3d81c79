import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpProxy {
  /** The loopback port to connect to instead of the target's. */
  port: number;
  /** As a network that fails: live connections are cut, and new ones are reset at once. */
  cut(): void;
  /** As a network that drops every packet: connections stay open, new ones are taken, and nothing passes. */
  stall(): void;
  /** As the network coming back: what was stalled flows again, and new connections reach the target. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a server, so that a test can take the server
 * away from a client (and give it back) while both keep running.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let open = true;
  let stalled = false;
  /** Connections taken while stalled, not yet passed on. */
  const waiting = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();

  const flow = ([client, upstream]: [Socket, Socket]) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const bridge = (client: Socket) => {
    const pair: [Socket, Socket] = [client, connect(targetPort, targetHost)];
    pairs.add(pair);
    for (const [socket, other] of [pair, [pair[1], pair[0]]]) {
      socket!.on('error', () => other!.destroy());
      socket!.on('close', () => {
        pairs.delete(pair);
        other!.destroy();
      });
    }
    flow(pair);
  };
  const server = createServer((client) => {
    if (!open) {
      client.resetAndDestroy();
    } else if (stalled) {
      waiting.add(client.on('error', () => undefined).on('close', () => waiting.delete(client)));
    } else {
      bridge(client);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const cutAll = () => {
    for (const socket of [...waiting, ...[...pairs].flat()]) socket.destroy();
    waiting.clear();
    pairs.clear();
  };
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      open = false;
      cutAll();
    },
    stall() {
      stalled = true;
      for (const pair of pairs) {
        for (const socket of pair) {
          socket.unpipe();
          socket.pause();
        }
      }
    },
    restore() {
      open = true;
      if (!stalled) return;
      stalled = false;
      for (const pair of pairs) flow(pair);
      for (const client of waiting) bridge(client);
      waiting.clear();
    },
    async close() {
      open = false;
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
