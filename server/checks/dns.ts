import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { z } from 'zod';
import { nonEmpty, positiveInt } from '../config/fields';
import { describeDnsError, judgeAnswers, RECORD_TYPES, type RecordType } from './dns-answers';
import { defineCheckType, type Observation } from './types';

/** "10.0.0.53", "10.0.0.53:5353", "::1" or "[::1]:5353": the forms a resolver accepts. */
function isResolverAddress(text: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const v4 = /^([\d.]+)(?::(\d+))?$/.exec(text);
  if (!bracketed && !v4) return isIP(text) === 6;
  const [, host, portText] = (bracketed ?? v4)!;
  const port = portText === undefined ? 53 : Number(portText);
  return isIP(host!) === (bracketed ? 6 : 4) && port >= 1 && port <= 65_535;
}

const values = z.array(nonEmpty, { error: 'expected a list of values' }).min(1, 'list at least one value');

const expectSchema = z.strictObject({
  equals: values.optional(),
  contains: z.union([nonEmpty.transform((v) => [v]), values], { error: 'expected a value or a list of values' }).optional(),
  minAnswers: positiveInt.optional(),
});

const configSchema = z.strictObject({
  type: z.literal('dns'),
  /** The name to look up. Not `name`: every check has a `name` already, its label for people. */
  domain: nonEmpty,
  recordType: z.enum(RECORD_TYPES, { error: `expected one of ${RECORD_TYPES.join(', ')}` }).default('A'),
  /** The resolver to ask instead of the system's. */
  resolver: z
    .string({ error: 'expected a resolver address' })
    .trim()
    .refine(isResolverAddress, 'expected an IP address with an optional port, such as 10.0.0.53, 10.0.0.53:5353 or [::1]:5353')
    .optional(),
  expect: expectSchema.optional(),
});

// Each type's answers as text, in the form people write them in `expect`.
const queries: Record<RecordType, (resolver: Resolver, name: string) => Promise<string[]>> = {
  A: (r, name) => r.resolve4(name),
  AAAA: (r, name) => r.resolve6(name),
  CNAME: (r, name) => r.resolveCname(name),
  NS: (r, name) => r.resolveNs(name),
  MX: async (r, name) => (await r.resolveMx(name)).map((mx) => `${mx.priority} ${mx.exchange}`),
  TXT: async (r, name) => (await r.resolveTxt(name)).map((chunks) => chunks.join('')),
  SRV: async (r, name) => (await r.resolveSrv(name)).map((srv) => `${srv.priority} ${srv.weight} ${srv.port} ${srv.name}`),
};

export const dnsCheck = defineCheckType({
  type: 'dns',
  configSchema,
  describe: (config) => `DNS ${config.recordType} ${config.domain}${config.resolver ? ` via ${config.resolver}` : ''}`,
  async run(config, signal): Promise<Observation> {
    if (signal.aborted) return { outcome: 'failed', message: 'aborted before the query', latencyMs: null };
    // One try within the check's own timeout: retries belong to the check's thresholds.
    const resolver = new Resolver({ timeout: config.timeout, tries: 1 });
    if (config.resolver) resolver.setServers([config.resolver]);
    const label = config.resolver ?? `system (${resolver.getServers().join(', ')})`;
    const onAbort = () => resolver.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    try {
      const answers = await queries[config.recordType](resolver, config.domain);
      const latencyMs = performance.now() - started;
      return judgeAnswers({ domain: config.domain, recordType: config.recordType, answers, resolver: label, latencyMs }, config.expect);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = describeDnsError(typeof code === 'string' ? code : undefined, { domain: config.domain, recordType: config.recordType, resolver: label });
      return { outcome: 'failed', message, latencyMs: null, details: { domain: config.domain, recordType: config.recordType, resolver: label } };
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  },
});
