import { readWhole } from '../http/read-whole';
import { open } from 'node:fs/promises';
import { transportRequest } from '../checks/http-transport';
import { describeNetworkError } from '../checks/net-errors';
import { formatDuration } from '../../shared/duration';

/** Calendars exported by scheduling tools are well under this; a larger body is not one worth waiting for. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'Greenboard status board (ics on-call)';
/** Feeds behind share links often redirect once or twice (http → https, a CDN); more is a loop. */
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Why a feed gave no calendar, in words fit for a board: no URL, no token. */
export class FeedError extends Error {}

/**
 * The text of a feed at `url`, fetched within `timeoutMs` and given up when `signal` is
 * aborted; redirects followed to http(s) addresses only. Rejects with a FeedError.
 */
export async function fetchFeed(url: string, timeoutMs: number, signal: AbortSignal): Promise<string> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const both = AbortSignal.any([signal, deadline]);
  const unreachable = (error: unknown) =>
    new FeedError(`feed unreachable: ${deadline.aborted && !signal.aborted ? `no answer within ${formatDuration(timeoutMs)}` : describeNetworkError(error)}`);
  let target = url;
  for (let hop = 0; ; hop += 1) {
    let response;
    try {
      response = await transportRequest(
        target,
        { method: 'GET', headers: { 'user-agent': USER_AGENT, accept: 'text/calendar, */*;q=0.5' }, signal: both },
        false,
      );
    } catch (error) {
      throw unreachable(error);
    }
    // A body left unread is destroyed, which undici reports as an error: expected here.
    response.body.on('error', () => undefined);
    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode) && typeof location === 'string' && hop < MAX_REDIRECTS) {
      response.body.destroy();
      target = nextHop(target, location);
      continue;
    }
    if (response.statusCode !== 200) {
      response.body.destroy();
      throw new FeedError(`feed answered ${response.statusCode}`);
    }
    try {
      const text = await readWhole(response.body, MAX_FEED_BYTES, both);
      if (text === null) throw new FeedError(`feed larger than ${MAX_FEED_BYTES / 1024 / 1024} MB`);
      return text;
    } catch (error) {
      response.body.destroy();
      throw error instanceof FeedError ? error : unreachable(error);
    }
  }
}

function nextHop(from: string, location: string): string {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FeedError('feed redirected to an address that is not a URL');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FeedError('feed redirected to an address that is not http(s)');
  return next.toString();
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'feed file not found',
  EACCES: 'feed file not readable: permission denied',
  EPERM: 'feed file not readable: permission denied',
  EISDIR: 'feed file is a directory',
};

/** The text of a calendar file, refused when larger than a feed may be. Rejects with a FeedError. */
export async function readFeedFile(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > MAX_FEED_BYTES) throw new FeedError(`feed file larger than ${MAX_FEED_BYTES / 1024 / 1024} MB`);
    return await handle.readFile('utf8');
  } catch (error) {
    if (error instanceof FeedError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new FeedError((typeof code === 'string' && FILE_ERRORS[code]) || `feed file not readable${typeof code === 'string' ? `: ${code}` : ''}`);
  } finally {
    await handle?.close();
  }
}
