/**
 * The one error class for things that go wrong in our code or its input.
 * Failures of the watched world are not errors: they are observations.
 */
export class AppError extends Error {
  /** Stable machine-readable code, e.g. `not_found`. */
  readonly code: string;
  /** HTTP status to answer with when this reaches the HTTP layer. */
  readonly status: number;
  /** Whether `message` may be shown to a client; otherwise a generic one is. */
  readonly expose: boolean;

  constructor(code: string, message: string, options: { status?: number; expose?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? 500;
    this.expose = options.expose ?? this.status < 500;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`, { status: 404 });
export const badRequest = (message: string) => new AppError('bad_request', message, { status: 400 });
