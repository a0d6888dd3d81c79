import type { z } from 'zod';

/**
 * How one run of a check went. A failing service is data, never an exception.
 * `unknown` means the run could not tell (e.g. the browser it needs is missing):
 * never counted as up, never as a failure of the service. `maintenance` means the
 * service is down on purpose (a vendor's planned work, say): neither a success nor a failure.
 */
export type Outcome = 'ok' | 'degraded' | 'failed' | 'unknown' | 'maintenance';

/** What a check run (or a monitoring source) reports. */
export interface Observation {
  /** ok: it works; degraded: it works but breaks an expectation such as response time; failed: it does not work; unknown: cannot tell; maintenance: out of service on purpose. */
  outcome: Outcome;
  /** One human line: "expected status 200, got 503". Never holds a secret. */
  message: string;
  /** Time the run took, in milliseconds; null when it did not get that far. */
  latencyMs: number | null;
  /** Structured facts for the service page (status code, headers, certificate…). */
  details?: Record<string, unknown>;
}

/** Fields every check has, whatever its type. Durations are milliseconds. */
export interface CommonCheckFields {
  id: string;
  type: string;
  name?: string | undefined;
  interval: number;
  timeout: number;
  failureThreshold: number;
  successThreshold: number;
}

/** Where a check keeps files that belong with a result, such as a screenshot of a failure. */
export interface ArtifactSink {
  /** Saves the bytes and returns the id under which `GET /api/artifacts/{id}` serves them. */
  save(data: Buffer, options: { extension: string; contentType: string }): Promise<string>;
}

/** What a run has besides its config. */
export interface RunContext {
  artifacts: ArtifactSink;
}

/**
 * One kind of check. Adding a kind is one file exporting one of these plus one
 * line in `registry.ts`.
 */
export interface CheckType<Schema extends z.ZodObject = z.ZodObject> {
  /** The `type:` value in the config. */
  readonly type: string;
  /** The type's own fields (including `type: z.literal(...)`), merged with the common ones. */
  readonly configSchema: Schema;
  /**
   * Runs the check once. Must stop all I/O promptly when `signal` aborts, and
   * report the watched world's failures as a `failed` observation, not by throwing.
   */
  run(config: z.output<Schema> & CommonCheckFields, signal: AbortSignal, context: RunContext): Promise<Observation>;
  /** What the check looks at, for people ("GET http://host/health"); never holds a secret. */
  describe(config: z.output<Schema> & CommonCheckFields): string;
  /**
   * Values in this config that must never be shown (URL passwords, auth headers…).
   * The runner removes them from every message and detail the check reports.
   */
  secrets?(config: z.output<Schema> & CommonCheckFields): string[];
}

/** Gives a check type literal inference without widening its schema. */
export function defineCheckType<Schema extends z.ZodObject>(type: CheckType<Schema>): CheckType<Schema> {
  return type;
}
