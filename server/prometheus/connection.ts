import { z } from 'zod';
import { requestSecrets } from '../checks/credentials';
import { httpUrl, scalar } from '../checks/http-request-schema';
import { urlSecrets } from '../checks/redact';
import { redactUrl } from '../checks/redact-url';

const text = z.string({ error: 'expected text' });
const someText = text.min(1, 'must not be empty');

/**
 * How to reach a Prometheus server: the fields the `prometheus` check and the
 * `prometheus` source share. Credentials usually come from the environment (`${VAR}`).
 */
export const connectionShape = {
  /** The server's base address, `http://prometheus:9090`, with its path prefix if it has one. */
  url: httpUrl,
  /** Sent as `Authorization: Bearer …`, as a proxy in front of Prometheus may ask. */
  bearerToken: someText.optional(),
  /** Sent as `Authorization: Basic …` (Prometheus's own `basic_auth_users`). */
  basicAuth: z.strictObject({ username: someText, password: text }).optional(),
  /** More request headers, such as `X-Scope-OrgID` for a multi-tenant front. */
  headers: z.record(z.string(), scalar).default({}),
};

/** The connection fields after validation. */
export interface PrometheusConnection {
  url: string;
  bearerToken?: string | undefined;
  basicAuth?: { username: string; password: string } | undefined;
  headers: Record<string, string>;
}

/** Refinement for a config holding the connection fields: one way of signing in at most. */
export function refineOneAuth(config: Partial<PrometheusConnection>, ctx: z.RefinementCtx): void {
  if (config.bearerToken !== undefined && config.basicAuth !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['basicAuth'], message: 'use only one of bearerToken, basicAuth' });
  }
}

/** The connection's credentials as the http check knows them, so both sign in alike. */
export function connectionAuth(connection: PrometheusConnection): { bearer: string } | { basic: { username: string; password: string } } | undefined {
  if (connection.bearerToken !== undefined) return { bearer: connection.bearerToken };
  if (connection.basicAuth !== undefined) return { basic: connection.basicAuth };
  return undefined;
}

/** Values of the connection that must never be shown: the token, the passwords (the URL's too), credential-looking headers. */
export function connectionSecrets(connection: PrometheusConnection): string[] {
  return [...requestSecrets({ auth: connectionAuth(connection), headers: connection.headers }), ...urlSecrets(connection.url)];
}

/** The server's address for people: any password in the URL masked. */
export function describeConnection(connection: PrometheusConnection): string {
  return redactUrl(connection.url);
}
