import type { ApiErrorBody } from '../../shared/api';

/** A REST call that the server answered with an error status. */
export class ApiError extends Error {
  constructor(
    /** The HTTP status code. */
    readonly status: number,
    /** The machine-readable code from the error body, or `http_<status>`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

/** POSTs `body` as JSON and reads the JSON answer; an error status becomes an ApiError with the server's words. */
export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    signal,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = new ApiError(response.status, `http_${response.status}`, `HTTP ${response.status}`);
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (!body.error) return fallback;
    return new ApiError(response.status, body.error.code, body.error.message);
  } catch {
    return fallback; // not JSON: a proxy's error page, for instance
  }
}
