import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors';

const tooLarge = (limit: number) => new AppError('payload_too_large', `request body larger than ${limit} bytes`, { status: 413 });
const unsupported = (message: string) => new AppError('unsupported_media_type', message, { status: 415 });

/** Whether a request says it carries a body (a length above 0, or chunks). */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
}

/**
 * Reads a request body into memory, counting the bytes that actually arrive: a body over
 * `limit` is refused as soon as it passes it, chunked or not, and the rest is never read.
 * (A stated Content-Length over the limit is refused before reading anything.)
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer<ArrayBuffer>> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge(limit));
  // A bug, not the client's fault: waiting for a body that has been read would hang.
  if (req.readableEnded) return Promise.reject(new Error('request body already read'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: AppError | null) => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onClose);
      if (!error) return resolve(Buffer.concat(chunks, size));
      // Stop reading: the answer closes the connection, so what is left is never taken in.
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onAbort = () => finish(new AppError('bad_request', 'request body not received in full', { status: 400 }));
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onClose);
  });
}

/** Parses JSON bodies (`application/json`, `*+json`) into `req.body`; see `bodyParser`. */
export const jsonBody = (limit: number): RequestHandler => bodyParser(limit, ['json', '+json'], parseJson);

/** Parses `application/x-www-form-urlencoded` bodies into `req.body` as a plain object of strings. */
export const formBody = (limit: number): RequestHandler => bodyParser(limit, ['urlencoded'], (text) => Object.fromEntries(new URLSearchParams(text)));

function parseJson(text: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'request body is not valid JSON', { status: 400 });
  }
}

/**
 * Parses bodies of the given media types into `req.body`, at most `limit` bytes as they
 * arrive, UTF-8 and uncompressed. Unlike a parser that reads off the rest of an oversized
 * body before it answers, an endless upload is answered (413) and cut at once.
 */
function bodyParser(limit: number, types: string[], parse: (text: string) => unknown): RequestHandler {
  return async (req, _res, next) => {
    // Already read (by a parser mounted further up): there is nothing left to read.
    if (req.readableEnded || req.body !== undefined || !hasBody(req) || !req.is(types)) return next();
    const encoding = req.headers['content-encoding'] ?? 'identity';
    if (encoding !== 'identity') throw unsupported(`request body encoding "${encoding}" not supported; send it uncompressed`);
    const charset = /;\s*charset="?([^;\s"]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') throw unsupported(`request body charset "${charset}" not supported; send UTF-8`);
    req.body = parse((await readBody(req, limit)).toString('utf8'));
    next();
  };
}
