import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowsers } from '../../../server/checks/browser-pool';
import { checkTypes } from '../../../server/checks/registry';
import { runCheck } from '../../../server/checks/runner';
import type { CheckType, Outcome, RunContext } from '../../../server/checks/types';
import { checkSchema } from '../../../server/config/schema';
import { CHROMIUM_PATH } from '../../helpers/requirements';
import { closedPort, startHttpTarget, startTcpTarget, type HttpTarget, type TcpTarget } from '../../helpers/targets';
import { byTimeout } from '../../helpers/timing';
import type { ShapeFixture, ShapeTargets } from './shape/fixture';

/**
 * The same expectations for every registered check type, so the twentieth type is
 * as sound as the first. Each type brings its loopback configs in ./shape/<type>.ts.
 */
const fixtures = Object.fromEntries(
  Object.values(import.meta.glob<{ default: ShapeFixture }>('./shape/*.ts', { eager: true }))
    .filter((module) => module.default)
    .map((module) => [module.default.type, module.default]),
);

const context: RunContext = { artifacts: { save: async () => 'unused.png' } };

/**
 * What a type may report against its target that never responds. Only for tcp is that
 * target up: the connect to the silent listener completes, which is all tcp asks. For
 * every other type (and any type added later) a target that never answers is down, or
 * at most unknown, never up.
 */
const UP_AGAINST_SILENCE = new Set(['tcp']);
const outcomesAgainstSilence = (name: string): Outcome[] => (UP_AGAINST_SILENCE.has(name) ? ['ok'] : ['failed', 'unknown']);
let http: HttpTarget;
let tcp: TcpTarget;
let udp: UdpSocket;
const targets = {} as ShapeTargets;

beforeAll(async () => {
  http = await startHttpTarget('hang');
  tcp = await startTcpTarget();
  udp = createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  Object.assign(targets, {
    hangingHttpUrl: http.url,
    silentTcpPort: tcp.port,
    silentUdpPort: udp.address().port,
    closedPort: await closedPort(),
  });
  // The browser type borrows the shared Chromium: started here, its start-up (and loading
  // Playwright, which holds up the whole process) is not counted against a run's timeout.
  if (existsSync(CHROMIUM_PATH)) (await sharedBrowsers.acquire(CHROMIUM_PATH)).release();
});
afterAll(async () => {
  await Promise.all([http.close(), tcp.close(), new Promise<void>((resolve) => udp.close(() => resolve())), sharedBrowsers.closeAll()]);
});

describe.each(Object.entries(checkTypes) as Array<[string, CheckType]>)('check type %s', (name, type) => {
  const fixture = (): ShapeFixture => {
    const found = fixtures[name];
    if (!found) throw new Error(`check type "${name}" has no shape fixture: add test/server/checks/shape/${name}.ts`);
    return found;
  };
  const TIMEOUT_MS = 400;
  const parse = (fields: object) => checkSchema.parse({ id: 'x', type: name, timeout: `${TIMEOUT_MS}ms`, ...fields });

  it('has a shape fixture and is registered under its own type name', () => {
    expect(fixture().type).toBe(name);
    expect(type.type).toBe(name);
  });

  it('rejects a config without its own required fields', () => {
    expect(checkSchema.safeParse({ id: 'x', type: name }).success).toBe(false);
  });

  it('rejects an unknown field', () => {
    expect(checkSchema.safeParse({ id: 'x', type: name, ...fixture().unreachable(targets), surprise: true }).success).toBe(false);
  });

  it('meets garbage in any of its fields with a config problem, never an exception', () => {
    const valid = fixture().unreachable(targets);
    const garbage: unknown[] = ['not a url', '', 'mysql://', '%%%', 42, -1, null, {}, [], 'x'.repeat(10_000)];
    for (const field of Object.keys(valid)) {
      for (const value of garbage) {
        const attempt = () => checkSchema.safeParse({ id: 'x', type: name, ...valid, [field]: value });
        expect(attempt, `${field}: ${JSON.stringify(value)?.slice(0, 20)}`).not.toThrow();
      }
    }
  });

  it('honours an abort signal that has already fired, without throwing', async () => {
    const controller = new AbortController();
    controller.abort();
    const config = parse((fixture().hanging ?? fixture().unreachable)(targets));
    const result = await type.run(config as never, controller.signal, context);
    expect(result.outcome).not.toBe('ok');
  });

  // Only types for which a silent target can exist on loopback (not ping: loopback always answers).
  const hanging = fixtures[name]?.hanging;
  if (hanging)
    it('answers by its timeout against a target that never responds', async () => {
      const started = Date.now();
      const result = await runCheck(type, parse(hanging(targets)), { context });
      expect(Date.now() - started).toBeLessThan(byTimeout(TIMEOUT_MS));
      expect(outcomesAgainstSilence(name)).toContain(result.outcome);
    });

  it('reports an unreachable target as failed (or unknown), with a message, not by throwing', async () => {
    const result = await type.run(parse(fixture().unreachable(targets)) as never, new AbortController().signal, context);
    expect(['failed', 'unknown']).toContain(result.outcome);
    expect(result.message.length).toBeGreaterThan(0);
  });

  it('describes its target in words', () => {
    expect(type.describe(parse(fixture().unreachable(targets)) as never).length).toBeGreaterThan(3);
  });
});
