import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP target the benchmark controls: every path answers with the current
 * status. It counts requests, and remembers when it first served a status after a flip,
 * which is the earliest moment the server under test could have seen the change.
 */
export class Target {
  status = 200;
  requests = 0;
  /** Date.now() when the current status was set. */
  flippedAt = 0;
  /** Date.now() when the first response with the current status was written, or null. */
  firstServedAt: number | null = null;
  /** Per path: Date.now() when it first answered with the current status. */
  readonly firstServedByPath = new Map<string, number>();
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      this.requests += 1;
      const status = this.status;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'OK' : 'Service Unavailable');
      const now = Date.now();
      if (this.firstServedAt === null) this.firstServedAt = now;
      const path = req.url ?? '/';
      if (!this.firstServedByPath.has(path)) this.firstServedByPath.set(path, now);
    });
    // Longer than any check interval used here, so a kept-alive connection is never
    // closed by the target just as the checker reuses it.
    this.server.keepAliveTimeout = 65_000;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return this.port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/health'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Switches what it answers; returns the moment of the switch (Date.now()). */
  flip(status: number): number {
    this.status = status;
    this.firstServedAt = null;
    this.firstServedByPath.clear();
    this.flippedAt = Date.now();
    return this.flippedAt;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
