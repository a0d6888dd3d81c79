import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake answers: a status and a body (JSON unless text), or no answer at all. */
export type FakeAnswer = { status: number; body: unknown; contentType?: string } | 'hang';

/** One request as the fake received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  /** The parameters, from the query or a form body alike. */
  params: URLSearchParams;
  headers: IncomingMessage['headers'];
}

/**
 * A local HTTP server answering as Prometheus's HTTP API does, in the shapes its
 * documentation gives (https://prometheus.io/docs/prometheus/latest/querying/api/).
 * A test sets `answer` (or `answerFor` per path) and reads what was asked.
 */
export interface FakePrometheus {
  url: string;
  port: number;
  answer: FakeAnswer;
  /** Answers per path (`/api/v1/alerts`), before `answer`. */
  answerFor: Record<string, FakeAnswer>;
  requests: ReceivedRequest[];
  /** Requests whose answer has not been sent or given up yet, and the most there ever were at once. */
  open: number;
  maxOpen: number;
  /** Requests that the client gave up (closed) before an answer. */
  abandoned: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakePrometheus(answer: FakeAnswer = { status: 200, body: vector([]) }): Promise<FakePrometheus> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = await readBody(req);
      const params = new URLSearchParams(url.search);
      if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
      fake.requests.push({ method: req.method ?? '', path: url.pathname, params, headers: req.headers });
      fake.open += 1;
      fake.maxOpen = Math.max(fake.maxOpen, fake.open);
      let answered = false;
      res.on('close', () => {
        fake.open -= 1;
        if (!answered) fake.abandoned += 1;
      });
      const chosen = fake.answerFor[url.pathname] ?? fake.answer;
      if (chosen === 'hang') return;
      answered = true;
      const text = typeof chosen.body === 'string' ? chosen.body : JSON.stringify(chosen.body);
      res.writeHead(chosen.status, { 'content-type': chosen.contentType ?? (typeof chosen.body === 'string' ? 'text/plain' : 'application/json') }).end(text);
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakePrometheus = {
    url: `http://127.0.0.1:${port}`,
    port,
    answer,
    answerFor: {},
    requests: [],
    open: 0,
    maxOpen: 0,
    abandoned: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}

const NOW = 1_763_776_447.394;

/** `resultType: vector`, one element per series, values written as Prometheus writes them. */
export function vector(series: Array<[Record<string, string>, string]>) {
  return { status: 'success', data: { resultType: 'vector', result: series.map(([metric, value]) => ({ metric, value: [NOW, value] })) } };
}

/** `resultType: scalar`. */
export function scalar(value: string) {
  return { status: 'success', data: { resultType: 'scalar', result: [NOW, value] } };
}

/** `resultType: matrix`: each series with its samples, oldest first. */
export function matrix(series: Array<[Record<string, string>, string[]]>) {
  return {
    status: 'success',
    data: { resultType: 'matrix', result: series.map(([metric, values]) => ({ metric, values: values.map((v, i) => [NOW - (values.length - i) * 15, v]) })) },
  };
}

/** Prometheus's error envelope, as sent with 400 (bad_data), 422 (execution) or 503 (timeout). */
export function apiError(errorType: string, error: string) {
  return { status: 'error', errorType, error };
}
