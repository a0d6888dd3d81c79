// The cluster benchmark's watched world, in its own process so that answering tens of
// thousands of checks is neither an instance's work nor the orchestrator's: every path
// answers 200, and each path's hits are timed, so each check's rhythm can be judged.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ClusterTargetRequest =
  /** Every path's hits at or after `since` and at or before `until` (Date.now()). */
  | { cmd: 'hits'; since: number; until: number }
  /** Drops every hit noted so far (between two runs). */
  | { cmd: 'forget' };

export type ClusterTargetReply = { type: 'ready'; port: number } | { type: 'hits'; hits: Record<string, number[]>; requests: number } | { type: 'forgotten' };

const send = (reply: ClusterTargetReply) => process.send?.(reply);

let hits = new Map<string, number[]>();
let requests = 0;

const server = createServer((req, res) => {
  const now = Date.now();
  requests += 1;
  const path = req.url ?? '/';
  let times = hits.get(path);
  if (!times) hits.set(path, (times = []));
  times.push(now);
  res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
});
// Longer than any check interval, so a kept-alive connection is never closed just as a check reuses it.
server.keepAliveTimeout = 65_000;

function hitsBetween(since: number, until: number): Record<string, number[]> {
  const picked: Record<string, number[]> = {};
  for (const [path, times] of hits) picked[path] = times.filter((at) => at >= since && at <= until);
  return picked;
}

const port = await new Promise<number>((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
});
process.on('message', (request: ClusterTargetRequest) => {
  if (request.cmd === 'hits') send({ type: 'hits', hits: hitsBetween(request.since, request.until), requests });
  if (request.cmd === 'forget') {
    hits = new Map();
    send({ type: 'forgotten' });
  }
});
// The orchestrator owns this process: when it goes, so do we.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
send({ type: 'ready', port });
