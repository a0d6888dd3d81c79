// A Target in its own process, so that serving thousands of checks neither shares the
// orchestrator's event loop nor counts against the server under test. Talks over IPC.
import { Target } from './target';

export type TargetRequest = { cmd: 'count' };
export type TargetReply = { type: 'ready'; port: number } | { type: 'count'; requests: number };

const send = (reply: TargetReply) => process.send?.(reply);

const target = new Target();
const port = await target.listen();
process.on('message', (request: TargetRequest) => {
  if (request.cmd === 'count') send({ type: 'count', requests: target.requests });
});
// The orchestrator owns this process: when it goes, so do we.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
send({ type: 'ready', port });
