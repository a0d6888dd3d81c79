// The soak's watched world, in its own process so that its work is neither the server's
// nor the orchestrator's: an HTTP target answering every check path (a few of them 503
// now and then, see soak-plan.ts), a TCP port that accepts and closes, and a receiver for
// the teams' incident webhooks. It notes when each path was asked, for check lateness.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { flapping, HEALTHY_BODY } from './soak-plan';

export type SoakTargetRequest = { cmd: 'weather'; flaky: Record<string, number> } | { cmd: 'report' };

export type SoakTargetReply =
  | { type: 'ready'; httpPort: number; tcpPort: number }
  | { type: 'weather' }
  | {
      type: 'report';
      /** Per path asked, Date.now() of every request. */
      arrivals: Record<string, number[]>;
      /** Requests answered 503 (a flaky path in its bad stretch). */
      failed: number;
      /** Incident webhooks received (POST /pages). */
      pages: number;
      tcpConnections: number;
    };

const send = (reply: SoakTargetReply) => process.send?.(reply);

let flaky: Record<string, number> = {};
let weatherFrom = Date.now();
const arrivals = new Map<string, number[]>();
let failed = 0;
let pages = 0;
let tcpConnections = 0;

const http = createHttpServer((req, res) => {
  const now = Date.now();
  const path = req.url ?? '/';
  if (req.method === 'POST' && path === '/pages') {
    pages += 1;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    return;
  }
  let times = arrivals.get(path);
  if (!times) arrivals.set(path, (times = []));
  times.push(now);
  const phase = flaky[path];
  if (phase !== undefined && flapping(phase, now - weatherFrom)) {
    failed += 1;
    res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(HEALTHY_BODY);
});
// Longer than any check interval, so a kept-alive connection is never closed just as a check reuses it.
http.keepAliveTimeout = 65_000;

const tcp = createTcpServer((socket) => {
  tcpConnections += 1;
  socket.on('error', () => undefined);
  socket.end();
});

const listen = (server: Server | ReturnType<typeof createHttpServer>) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

const [httpPort, tcpPort] = await Promise.all([listen(http), listen(tcp)]);
process.on('message', (request: SoakTargetRequest) => {
  if (request.cmd === 'weather') {
    flaky = request.flaky;
    weatherFrom = Date.now();
    send({ type: 'weather' });
  }
  if (request.cmd === 'report') send({ type: 'report', arrivals: Object.fromEntries(arrivals), failed, pages, tcpConnections });
});
// The orchestrator owns this process: when it goes, so do we.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
send({ type: 'ready', httpPort, tcpPort });
