import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiErrorBody } from '../../shared/api';
import type { Logger } from '../log';

/** What node's parser refused, as the status and error code we answer with. */
function refusal(code: string | undefined): { status: number; body: ApiErrorBody } {
  const answer = (status: number, errorCode: string, message: string) => ({ status, body: { error: { code: errorCode, message } } });
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return answer(431, 'headers_too_large', 'request headers too large');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return answer(413, 'payload_too_large', 'request chunk extensions too large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return answer(408, 'request_timeout', 'request not received in time');
    default:
      return answer(400, 'bad_request', 'malformed request');
  }
}

/** The raw HTTP response for a request node refused before Express saw it: the API's error shape, then close. */
export function refusalResponse(code: string | undefined): string {
  const { status, body } = refusal(code);
  const json = JSON.stringify(body);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(json)}\r\n` +
    'Connection: close\r\n\r\n' +
    json
  );
}

/**
 * Answers what node's HTTP parser refuses (headers too large, a malformed request, one not
 * sent in time) in the API's error shape instead of node's bare status line.
 */
export function answerClientErrors(log: Logger) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    // Like node's own answer: never write into a response that has begun, nor to a peer that left.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      log.debug({ code: error.code }, 'request refused before routing');
      socket.write(refusalResponse(error.code));
    }
    socket.destroy();
  };
}
