import type { Response } from 'express';

const ACCEPTED = JSON.stringify({ accepted: true });

/**
 * Answers `202 { accepted: true }` to a push or a webhook. Written out directly: at
 * thousands a second, Express's `json()` (serializing, an ETag hash) costs more than the rest of the answer.
 */
export function answerAccepted(res: Response): void {
  res.writeHead(202, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(ACCEPTED) }).end(ACCEPTED);
}
