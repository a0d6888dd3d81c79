import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capturingLogger } from '../../helpers/log-lines';

/** A request the fake API received. */
export interface Received {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake answers: a status, headers and a body (JSON unless a string), or nothing at all. */
export type Answer = { status?: number; headers?: Record<string, string>; body: unknown } | 'hang';

/** A scheduler's API on loopback: answers each request as the test says, and keeps what it was asked. */
export class FakeApi {
  received: Received[] = [];
  /** Requests whose connection went away before an answer (given up by the caller). */
  abandoned = 0;
  private server: Server | null = null;

  constructor(public answer: (request: Received) => Answer) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received = {
      method: req.method ?? '',
      url: new URL(req.url ?? '/', 'http://fake'),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.received.push(received);
    const answer = this.answer(received);
    if (answer === 'hang') {
      res.on('close', () => (this.abandoned += 1));
      return;
    }
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers }).end(body);
  }
}

/** What a provider is given besides its config, with a log the test reads back. */
export function testContext(signal: AbortSignal = new AbortController().signal) {
  const { log, lines } = capturingLogger();
  return { context: { signal, log, now: () => Date.now() }, lines };
}

/** The reason a promise was rejected with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { retryAfterMs?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { retryAfterMs?: number };
  }
  throw new Error('expected a rejection, got an answer');
}
