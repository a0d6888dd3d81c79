/** Turns a network error into the short line a person reads on a tile. */
export function describeNetworkError(error: unknown): string {
  const err = error as { name?: string; code?: unknown; message?: string; cause?: unknown } | undefined;
  if (err?.name === 'AbortError') return 'aborted';
  if (err?.name === 'HTTPParserError') return 'the server did not answer with valid HTTP';
  const rawCode = err?.code ?? (err?.cause as { code?: unknown } | undefined)?.code;
  // DOMException codes are numbers; only Node's string codes mean something here.
  const code = typeof rawCode === 'string' ? rawCode : undefined;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return 'connection closed by the server before a full response';
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_STATUS':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_VERSION':
    case 'HPE_CR_EXPECTED':
    case 'HPE_LF_EXPECTED':
      return 'the server did not answer with valid HTTP';
    case 'UND_ERR_HEADERS_OVERFLOW':
      return 'response headers too large';
    default:
      if (code?.startsWith('HPE_')) return 'the server did not answer with valid HTTP';
      return err?.message ? `${code ? `${code}: ` : ''}${err.message}` : 'unknown network error';
  }
}
