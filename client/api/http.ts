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

/** The readable cookie in which the server gives a signed-in person's page its CSRF token. */
export const CSRF_COOKIE = 'gb_csrf';

/** The header a change sends the CSRF token back in. */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * The value of cookie `name` in a `document.cookie` string ("a=1; b=2"), or null when it
 * is not there or empty. Pure; a malformed %-escape is taken as typed.
 */
export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const raw = part.slice(at + 1).trim();
    if (raw === '') return null;
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/** The CSRF header for a change, when this browser has a token to send (a signed-in person's); else none. */
function csrfHeaders(): Record<string, string> {
  const token = typeof document === 'undefined' ? null : cookieValue(document.cookie, CSRF_COOKIE);
  return token === null ? {} : { [CSRF_HEADER]: token };
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
    headers: { accept: 'application/json', 'content-type': 'application/json', ...csrfHeaders() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

/** DELETEs `path` and reads the JSON answer (undefined for 204); an error status becomes an ApiError. */
export async function deleteJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { method: 'DELETE', signal, headers: { accept: 'application/json', ...csrfHeaders() } });
  if (!response.ok) throw await toApiError(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
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
