import { subscribe } from 'node:diagnostics_channel';
import { Agent, request, type Dispatcher } from 'undici';

// Connections are kept alive between runs: at thousands of checks a fresh TCP and TLS
// handshake per run would cost more than the check itself. There is no limit of connections
// per host: with one, checks hanging on one path of a host would queue every other check of
// that host behind them. Idle connections are dropped after 4s, before the 5s after which
// Node servers drop theirs (undici also follows a server's `Keep-Alive: timeout=` hint);
// a server that drops them sooner is covered by sending the request again (see below).
// Connections that skip certificate checks live in their own pool so a verified check
// never reuses one.
const KEEP_ALIVE_MS = 4_000;
const trustingAgent = newAgent(false);
let insecureAgent: Agent | undefined;
function agentFor(insecure: boolean): Agent {
  if (!insecure) return trustingAgent;
  insecureAgent ??= newAgent(true);
  return insecureAgent;
}

function newAgent(insecure: boolean): Agent {
  return new Agent({ keepAliveTimeout: KEEP_ALIVE_MS, ...(insecure ? { connect: { rejectUnauthorized: false } } : {}) });
}

// A server may close a kept-alive connection at the moment a request goes out on it; the
// request then fails though nothing is wrong. As mature clients do, such a request is sent
// once more on a new connection, provided it changes nothing (GET, HEAD, OPTIONS) and no
// answer to it had begun. Only undici's diagnostics channels tell which connection a
// request was written to, so they are followed here.
const requestsWritten = new WeakMap<object, number>();
const writtenOnReusedConnection = new WeakMap<object, { socket: { bytesRead: number }; bytesReadBefore: number }>();
const lostOnReusedConnection = new WeakSet<object>();

subscribe('undici:client:sendHeaders', (message) => {
  const { request: sent, socket } = message as { request: object; socket: { bytesRead: number } };
  const earlier = requestsWritten.get(socket) ?? 0;
  requestsWritten.set(socket, earlier + 1);
  if (earlier > 0) writtenOnReusedConnection.set(sent, { socket, bytesReadBefore: socket.bytesRead });
});

subscribe('undici:request:error', (message) => {
  const { request: failed, error } = message as { request: object; error: unknown };
  const written = writtenOnReusedConnection.get(failed);
  const answerBegun = written !== undefined && written.socket.bytesRead > written.bytesReadBefore;
  if (written && !answerBegun && typeof error === 'object' && error !== null) lostOnReusedConnection.add(error);
});

const SAFE_TO_REPEAT = new Set(['GET', 'HEAD', 'OPTIONS']);
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Whether a failed request was cut off by the server closing a reused connection, and may be sent again. */
function lostToIdleClose(method: string, error: unknown, signal: AbortSignal): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const lost = typeof code === 'string' && CONNECTION_LOST.has(code) && lostOnReusedConnection.has(error as object);
  return lost && SAFE_TO_REPEAT.has(method) && !signal.aborted;
}

/** What undici needs to send one request, less where to: the URL is given apart. */
export type TransportOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { method: Dispatcher.HttpMethod; signal: AbortSignal };

/** One request on a connection of its own, which is closed once the answer has been read. */
function requestOnNewConnection(url: string, options: TransportOptions, insecure: boolean) {
  const agent = newAgent(insecure);
  const response = request(url, { ...options, dispatcher: agent });
  // close() waits for the request in flight; the connection then goes with the agent.
  agent.close().catch(() => undefined);
  return response;
}

/**
 * Sends one request (no redirects followed) on the shared pool of kept-alive connections,
 * and once more on a new connection if a reused one was closed under it. `insecure`
 * accepts any certificate. Network failures throw.
 */
export async function transportRequest(url: string, options: TransportOptions, insecure: boolean): Promise<Dispatcher.ResponseData> {
  try {
    return await request(url, { ...options, dispatcher: agentFor(insecure) });
  } catch (error) {
    if (!lostToIdleClose(options.method, error, options.signal)) throw error;
    return requestOnNewConnection(url, options, insecure);
  }
}
