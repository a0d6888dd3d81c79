import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { z } from 'zod';
import { nonEmpty, port } from '../config/fields';
import { describeNetworkError } from './net-errors';
import { judgeCertificate, readCertificate } from './tls-cert';
import { defineCheckType, type Observation } from './types';

const configSchema = z.strictObject({
  type: z.literal('tls'),
  host: nonEmpty,
  port: port.default(443),
  /** The name sent as SNI and that the certificate must cover; the host by default. */
  servername: nonEmpty.optional(),
  warnDays: z.number({ error: 'expected a number of days' }).int('expected a whole number of days').min(0, 'must be 0 or more').default(14),
  /** PEM file of the CAs to trust instead of the system's, for private CAs. */
  caFile: nonEmpty.optional(),
});

type HandshakeResult = { peer: PeerCertificate; authorizationError: string | null; latencyMs: number; protocol: string | null } | { failure: string };

function describeTlsError(error: unknown): string {
  const err = error as { code?: unknown; reason?: unknown; message?: string } | undefined;
  const code = typeof err?.code === 'string' ? err.code : '';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') return 'the server did not answer with TLS';
  if (code.startsWith('ERR_SSL_')) return `TLS handshake failed: ${typeof err?.reason === 'string' ? err.reason : err?.message}`;
  if (err?.message?.includes('before secure TLS connection was established')) return 'connection closed during the TLS handshake';
  return describeNetworkError(error);
}

function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error)?.message ?? String(error);
}

// Node reports the chain error as a code string, though its types say Error.
function chainErrorCode(value: unknown): string | null {
  if (!value) return null;
  if (typeof value === 'string') return value;
  const err = value as { code?: unknown; message?: unknown };
  return String(err.code ?? err.message);
}

/**
 * One TLS handshake that never rejects the certificate itself, so its facts can be
 * reported even when it is invalid; the chain verdict is read from the socket.
 */
function handshake(
  options: { host: string; port: number; servername?: string | undefined; ca?: Buffer | undefined },
  signal: AbortSignal,
): Promise<HandshakeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ failure: 'aborted before the handshake' });
    let socket: TLSSocket;
    try {
      socket = connect({
        ...options,
        rejectUnauthorized: false,
        // The name is judged apart from the chain, so that both can be reported.
        checkServerIdentity: () => undefined,
      });
    } catch (error) {
      return resolve({ failure: describeTlsError(error) });
    }
    const finish = (result: HandshakeResult, polite = false) => {
      signal.removeEventListener('abort', onAbort);
      if (polite) socket.destroySoon();
      else socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ failure: 'aborted during the handshake' });
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () =>
      finish(
        {
          peer: socket.getPeerCertificate(),
          authorizationError: socket.authorized ? null : chainErrorCode(socket.authorizationError),
          latencyMs: performance.now() - started,
          protocol: socket.getProtocol(),
        },
        true,
      ),
    );
    // `on`, not `once`: a reset while the polite close is under way must not go unhandled.
    socket.on('error', (error) => finish({ failure: describeTlsError(error) }));
  });
}

async function readCa(file: string | undefined, signal: AbortSignal): Promise<Buffer | undefined | { failure: string }> {
  if (!file) return undefined;
  let pem: Buffer;
  try {
    pem = await readFile(file, { signal });
  } catch (error) {
    return { failure: signal.aborted ? 'aborted' : `cannot read caFile ${file}: ${describeFileError(error)}` };
  }
  // Node ignores text it cannot parse, which would show up later as a puzzling "unknown issuer".
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) return { failure: `caFile ${file} holds no PEM certificate` };
  return pem;
}

export const tlsCheck = defineCheckType({
  type: 'tls',
  configSchema,
  describe: (config) => `TLS certificate of ${config.host}:${config.port}${config.servername ? ` (${config.servername})` : ''}`,
  async run(config, signal): Promise<Observation> {
    const ca = await readCa(config.caFile, signal);
    if (ca && 'failure' in ca) return { outcome: 'failed', message: ca.failure, latencyMs: null };
    const hostname = config.servername ?? config.host;
    // SNI carries names only; an address is still checked against the certificate's IP entries.
    const result = await handshake({ host: config.host, port: config.port, servername: isIP(hostname) ? undefined : hostname, ca }, signal);
    if ('failure' in result) return { outcome: 'failed', message: result.failure, latencyMs: null };
    if (!result.peer?.valid_to) return { outcome: 'failed', message: 'the server presented no certificate', latencyMs: result.latencyMs };
    const observation = judgeCertificate({
      certificate: readCertificate(result.peer),
      verification: {
        hostname,
        chainError: result.authorizationError,
        hostnameMatches: checkServerIdentity(hostname, result.peer) === undefined,
      },
      now: new Date(),
      warnDays: config.warnDays,
      latencyMs: result.latencyMs,
    });
    return { ...observation, details: { ...observation.details, host: config.host, port: config.port, protocol: result.protocol } };
  },
});
