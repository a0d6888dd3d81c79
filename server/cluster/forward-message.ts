import type { NextFunction, Request, Response } from 'express';
import { request, type Dispatcher } from 'undici';
import { AppError } from '../errors';
import { readBody } from '../http/body-limit';
import type { Logger } from '../log';

/** Marks a message handed over by another instance: it is answered where it lands, never handed on again. */
export const FORWARDED_HEADER = 'x-greenboard-forwarded';

/** The request's headers a source may read: what the body is, and who sent it. */
const KEPT_HEADERS = ['content-type', 'content-length', 'content-encoding', 'authorization', 'user-agent', 'x-request-id'];

const TIMEOUT_MS = 5_000;

/**
 * Hands a push or webhook to the instance that runs its source, and passes its answer
 * back: a job or an Alertmanager may send to any instance behind the load balancer, and
 * each source keeps its state on one. When that instance cannot be reached the sender is
 * told to try again (503 with Retry-After), as Alertmanager and most push clients do.
 */
export function forwardToLeader(deps: {
  addressOf: (sourceId: string) => string | null;
  /** The largest body any source takes: a larger one is refused here, as the leader would. */
  bodyLimit: number;
  log: Logger;
}) {
  return (sourceId: string, req: Request, res: Response, next: NextFunction): void => {
    const address = deps.addressOf(sourceId);
    const unreachable = (why: string) => {
      res.setHeader('Retry-After', '2');
      next(new AppError('source_unavailable', `the instance that runs source "${sourceId}" ${why}; try again in a moment`, { status: 503, expose: true }));
    };
    if (req.headers[FORWARDED_HEADER] !== undefined) return unreachable('moved while the message was handed over');
    if (!address) return unreachable('is not known yet');
    const headers: Record<string, string> = { [FORWARDED_HEADER]: '1' };
    for (const name of KEPT_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const hand = async () => {
      // Read whole before it is handed on: a leader refusing an oversized body mid-upload
      // would look unreachable, and a slow sender would hold the leader's connection.
      const body = ['GET', 'HEAD'].includes(req.method) ? null : await readBody(req, deps.bodyLimit);
      let answer: Dispatcher.ResponseData;
      try {
        answer = await request(new URL(req.originalUrl, address), {
          method: req.method as 'POST',
          headers,
          body,
          headersTimeout: TIMEOUT_MS,
          bodyTimeout: TIMEOUT_MS,
        });
      } catch (error) {
        deps.log.warn({ err: error, source: sourceId }, 'could not hand a message to the instance that runs its source');
        return unreachable('cannot be reached');
      }
      const type = answer.headers['content-type'];
      const retry = answer.headers['retry-after'];
      if (typeof type === 'string') res.setHeader('content-type', type);
      if (typeof retry === 'string') res.setHeader('retry-after', retry);
      res.status(answer.statusCode).send(Buffer.from(await answer.body.arrayBuffer()));
    };
    hand().catch(next);
  };
}
