import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { mysqlCheck } from '../../../server/checks/mysql';
import { postgresCheck } from '../../../server/checks/postgres';
import { redisCheck } from '../../../server/checks/redis';
import { runCheck } from '../../../server/checks/runner';
import type { CheckType } from '../../../server/checks/types';
import { checkSchema } from '../../../server/config/schema';
import { startTcpTarget, type TcpTarget } from '../../helpers/targets';
import { wellBefore } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';

/**
 * The database checks against a loopback server that speaks something else. Each driver,
 * left alone, reads a length out of such bytes and waits out the timeout, or fails with its
 * own puzzling words; the check must say plainly that the protocol is wrong.
 */

/** What the server sends on every connection it accepts. */
type Speech = 'http' | 'endless';

/** Sockets of this process still connected to `port` on loopback: the check's own. */
function socketsTo(port: number): Socket[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h): h is Socket => (h as Socket)?.remotePort === port && !(h as Socket).destroyed);
}

function speak(speech: Speech, socket: Socket): void {
  if (speech === 'http') {
    socket.write('HTTP/1.1 200 OK\r\n\r\nhello'); // and keeps the connection open
    return;
  }
  const chunk = Buffer.alloc(16 * 1024, 'x');
  const pump = () => {
    while (!socket.destroyed && socket.write(chunk));
    if (!socket.destroyed) socket.once('drain', pump);
  };
  pump();
}

/** A server that says `speech` on every connection, reading and dropping what the driver sends, so the check's goodbye is seen. */
const startTalkingServer = (speech: Speech): Promise<TcpTarget> =>
  startTcpTarget(0, (socket) => {
    socket.resume();
    speak(speech, socket);
  });

const TYPES: Array<[name: string, check: CheckType, url: (port: number) => string, protocol: string]> = [
  ['postgres', postgresCheck, (port) => `postgres://reader:secret@127.0.0.1:${port}/orders`, 'PostgreSQL'],
  ['mysql', mysqlCheck, (port) => `mysql://reader:secret@127.0.0.1:${port}/orders`, 'MySQL'],
  ['redis', redisCheck, (port) => `redis://:secret@127.0.0.1:${port}`, 'Redis'],
];

const TIMEOUT_MS = 10_000;

describe.each(['http', 'endless'] as const)('a server that answers with %s bytes', (speech) => {
  let server: TcpTarget;
  let printed: MockInstance[];

  beforeAll(async () => {
    server = await startTalkingServer(speech);
  });
  afterAll(async () => {
    await server.close();
  });
  // Drivers that print to the console bypass the result, where every message belongs.
  beforeEach(() => {
    printed = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(TYPES)('the %s check says the server does not speak its protocol, at once and without printing', async (name, check, url, protocol) => {
    const started = Date.now();
    const result = await runCheck(check, checkSchema.parse({ id: 'db', type: name, url: url(server.port), timeout: `${TIMEOUT_MS}ms` }));
    expect(result).toEqual({ outcome: 'failed', message: `the server did not answer with the ${protocol} protocol`, latencyMs: null });
    // Well short of the timeout: judged from the first bytes, not waited out.
    expect(Date.now() - started).toBeLessThan(wellBefore(TIMEOUT_MS));
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    await waitFor(() => socketsTo(server.port).length === 0, `the ${name} check to close its connection`);
  });
});
