// The cluster benchmark's watched world, in its own process so that answering tens of
// thousands of checks is neither an instance's work nor the orchestrator's: every path
// answers 200, and each path's hits are timed, with the instance that sent each (its
// checks name it in a header), so each check's rhythm can be judged.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SENDER_HEADER } from './cluster-plan';

export type ClusterTargetRequest =
  /** Every path's hits at or after `since` and at or before `until` (Date.now()). */
  | { cmd: 'hits'; since: number; until: number }
  /** Drops every hit noted so far (between two runs). */
  | { cmd: 'forget' };

export type ClusterTargetReply =
  | { type: 'ready'; port: number }
  | {
      type: 'hits';
      /** Per path, Date.now() of each hit. */
      hits: Record<string, number[]>;
      /** Per path, one character a hit: the first of the name of the instance that sent it. */
      senders: Record<string, string>;
    }
  | { type: 'forgotten' };

const send = (reply: ClusterTargetReply) => process.send?.(reply);

let hits = new Map<string, { times: number[]; senders: string[] }>();

const server = createServer((req, res) => {
  const now = Date.now();
  const path = req.url ?? '/';
  let seen = hits.get(path);
  if (!seen) hits.set(path, (seen = { times: [], senders: [] }));
  seen.times.push(now);
  seen.senders.push(String(req.headers[SENDER_HEADER] ?? '?').charAt(0) || '?');
  res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
});
// Longer than any check interval, so a kept-alive connection is never closed just as a check reuses it.
server.keepAliveTimeout = 65_000;

function hitsBetween(since: number, until: number): Extract<ClusterTargetReply, { type: 'hits' }> {
  const reply = { type: 'hits' as const, hits: {} as Record<string, number[]>, senders: {} as Record<string, string> };
  for (const [path, seen] of hits) {
    const picked = seen.times.flatMap((at, i) => (at >= since && at <= until ? [i] : []));
    reply.hits[path] = picked.map((i) => seen.times[i]!);
    reply.senders[path] = picked.map((i) => seen.senders[i]!).join('');
  }
  return reply;
}

const port = await new Promise<number>((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
});
process.on('message', (request: ClusterTargetRequest) => {
  if (request.cmd === 'hits') send(hitsBetween(request.since, request.until));
  if (request.cmd === 'forget') {
    hits = new Map();
    send({ type: 'forgotten' });
  }
});
// The orchestrator owns this process: when it goes, so do we.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
send({ type: 'ready', port });
