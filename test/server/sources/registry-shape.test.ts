import express from 'express';
import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../../server/config/schema';
import { errorHandler } from '../../../server/http/error-handler';
import { silentLogger } from '../../../server/log';
import { sourceTypes } from '../../../server/sources/registry';
import type { SourceContext, SourceType } from '../../../server/sources/types';

/** A valid config of each registered type, without `id`. Every type added needs one here. */
const VALID: Record<string, Record<string, unknown>> = {
  push: { type: 'push', token: 'shape-test-token-0123456789', service: 'svc', grace: '1h' },
  alertmanager: { type: 'alertmanager', token: 'shape-test-token-0123456789' },
  webhook: { type: 'webhook', token: 'shape-test-token-0123456789', services: ['svc'] },
  prometheus: { type: 'prometheus', url: 'http://127.0.0.1:9', bearerToken: 'shape-test-token-0123456789' },
  statuspage: { type: 'statuspage', url: 'http://127.0.0.1:9/api/v2/summary.json', components: [{ component: 'API', service: 'svc' }] },
};

function context(): SourceContext & { reports: unknown[] } {
  const reports: unknown[] = [];
  return {
    reports,
    services: ['svc'],
    report: async (...args) => void reports.push(args),
    previous: () => null,
    received: () => undefined,
    failed: () => undefined,
    unmappedChanged: () => undefined,
    log: silentLogger(),
    now: Date.now,
  };
}

/** The same expectations for every registered source type, so the fifth is as sound as the first. */
describe.each(Object.entries(sourceTypes) as Array<[string, SourceType]>)('source type %s', (name, type) => {
  const valid = () => {
    const found = VALID[name];
    if (!found) throw new Error(`source type "${name}" has no valid config in this test`);
    return { id: 'src', ...found };
  };

  it('is registered under its own type name and accepts its valid config', () => {
    expect(type.type).toBe(name);
    expect(sourceSchema.safeParse(valid()).success).toBe(true);
  });

  it('rejects a config without its own required fields, and an unknown field', () => {
    expect(sourceSchema.safeParse({ id: 'src', type: name }).success).toBe(false);
    expect(sourceSchema.safeParse({ ...valid(), surprise: true }).success).toBe(false);
  });

  it('meets garbage in any of its fields with a config problem, never an exception', () => {
    const garbage: unknown[] = ['', '%%%', 42, -1, null, {}, [], 'x'.repeat(10_000)];
    for (const field of Object.keys(valid()))
      for (const value of garbage) expect(() => sourceSchema.safeParse({ ...valid(), [field]: value }), field).not.toThrow();
  });

  it('takes the common silentAfter, or refuses it saying which rule of its own applies instead', () => {
    const result = sourceSchema.safeParse({ ...valid(), silentAfter: '30m' });
    if (type.ownSilenceRule === undefined) expect(result.success && result.data.silentAfter).toBe(30 * 60_000);
    else expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[['silentAfter'], type.ownSilenceRule]]);
    expect(sourceSchema.safeParse({ ...valid(), silentAfter: 'soon' }).success).toBe(false);
  });

  it('names the services it reports on and the secrets it holds', () => {
    const config = sourceSchema.parse(valid());
    expect(type.services(config as never, ['svc']).length).toBeGreaterThan(0);
    for (const secret of type.secrets(config as never)) expect(secret.length).toBeGreaterThan(0);
  });

  it('starts and stops cleanly, reporting nothing after its stop', async () => {
    const ctx = context();
    const running = type.start(sourceSchema.parse(valid()) as never, ctx);
    await running.stop();
    await running.stop();
    expect(ctx.reports).toEqual([]);
  });

  it('takes messages over HTTP exactly when it has an address, and answers them without throwing', async () => {
    const ctx = context();
    const config = sourceSchema.parse(valid()) as never;
    const running = type.start(config, ctx);
    const address = type.address?.(config);
    expect(Boolean(running.handle)).toBe(address !== undefined);
    if (!running.handle) return running.stop();
    const app = express();
    app.use(running.handle);
    app.use(errorHandler(silentLogger()));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      // No token, no body: refused with a 4xx, never a crash or a 500.
      const answer = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' });
      expect(answer.status).toBeLessThan(500);
    } finally {
      await running.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the sources: list in a config', () => {
  it('names the known types when the type is unknown, with a suggestion', () => {
    const result = sourceSchema.safeParse({ id: 'src', type: 'puhs' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/unknown source type "puhs"; known types: push.*did you mean "push"/);
  });
});
