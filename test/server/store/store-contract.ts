import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResultWrite, Store } from '../../../server/store/store';

/**
 * The behaviour every Store backend must have. Each backend's test file calls this
 * with a factory that opens a fresh, empty store (and `reopen`, the same data again).
 */
export function describeStoreContract(backend: string, factory: { open(): Promise<Store>; reopen(): Promise<Store> }) {
  describe(`the ${backend} store`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.open();
    });
    afterEach(async () => {
      await store.close();
    });

    const write = (overrides: Partial<ResultWrite> = {}): ResultWrite => ({
      serviceId: 'checkout',
      checkId: 'health',
      result: { at: 1_000, outcome: 'failed', message: 'expected status 200, got 503', latencyMs: 12.5, details: { statusCode: 503 } },
      machine: { status: 'down', since: 1_000, failures: 2, successes: 0 },
      checkTransition: { from: 'up', to: 'down', at: 1_000 },
      serviceTransition: { from: 'up', to: 'down', at: 1_000 },
      ...overrides,
    });

    it('starts empty', async () => {
      expect(await store.loadState()).toEqual({ checks: [], services: [] });
    });

    it('migrating twice is harmless', async () => {
      await store.migrate();
      await store.writeResult(write());
      await store.migrate();
      expect((await store.loadState()).checks).toHaveLength(1);
    });

    it('keeps the latest state of each check and service', async () => {
      await store.writeResult(write());
      await store.writeResult(
        write({
          result: { at: 2_000, outcome: 'failed', message: 'connection refused', latencyMs: null },
          machine: { status: 'down', since: 1_000, failures: 3, successes: 0 },
          checkTransition: undefined,
          serviceTransition: undefined,
        }),
      );
      const state = await store.loadState();
      expect(state.checks).toEqual([
        {
          serviceId: 'checkout',
          checkId: 'health',
          machine: { status: 'down', since: 1_000, failures: 3, successes: 0 },
          last: { at: 2_000, outcome: 'failed', message: 'connection refused', latencyMs: null },
        },
      ]);
      expect(state.services).toEqual([{ serviceId: 'checkout', status: 'down', since: 1_000 }]);
    });

    it('keeps every result and every transition as history', async () => {
      await store.writeResult(write());
      await store.writeResult(
        write({
          result: { at: 3_000, outcome: 'ok', message: 'HTTP 200', latencyMs: 4 },
          machine: { status: 'up', since: 3_000, failures: 0, successes: 1 },
          checkTransition: { from: 'down', to: 'up', at: 3_000 },
          serviceTransition: { from: 'down', to: 'up', at: 3_000 },
        }),
      );
      await store.writeServiceTransition('checkout', { from: 'up', to: 'unknown', at: 9_000 });
      const history = await store.serviceHistory('checkout', 0, 10_000, 100);
      expect(history.results.map((r) => [r.at, r.outcome, r.message, r.details])).toEqual([
        [1_000, 'failed', 'expected status 200, got 503', { statusCode: 503 }],
        [3_000, 'ok', 'HTTP 200', null],
      ]);
      expect(history.transitions.map((t) => [t.checkId, t.from, t.to, t.at])).toEqual([
        ['health', 'up', 'down', 1_000],
        [null, 'up', 'down', 1_000],
        ['health', 'down', 'up', 3_000],
        [null, 'down', 'up', 3_000],
        [null, 'up', 'unknown', 9_000],
      ]);
      expect((await store.loadState()).services).toEqual([{ serviceId: 'checkout', status: 'unknown', since: 9_000 }]);
    });

    it('history is limited to the window and the newest results within the cap', async () => {
      for (let at = 1; at <= 5; at++) {
        await store.writeResult(
          write({ result: { at: at * 1_000, outcome: 'ok', message: `run ${at}`, latencyMs: 1 }, checkTransition: undefined, serviceTransition: undefined }),
        );
      }
      const history = await store.serviceHistory('checkout', 2_000, 5_000, 2);
      expect(history.results.map((r) => r.message)).toEqual(['run 4', 'run 5']);
      expect((await store.serviceHistory('other', 0, 10_000, 10)).results).toEqual([]);
    });

    it('keeps the details of problems with each result, and those of ok results only as the newest of their check', async () => {
      await store.writeResult(write());
      await store.writeResult(
        write({
          result: { at: 3_000, outcome: 'ok', message: 'HTTP 200', latencyMs: 4, details: { statusCode: 200 } },
          checkTransition: undefined,
          serviceTransition: undefined,
        }),
      );
      await store.writeResult(
        write({
          checkId: 'port',
          result: { at: 4_000, outcome: 'ok', message: 'connected', latencyMs: 1, details: { address: '127.0.0.1' } },
          checkTransition: undefined,
          serviceTransition: undefined,
        }),
      );
      const history = await store.serviceHistory('checkout', 0, 10_000, 100);
      expect(history.results.map((r) => [r.checkId, r.outcome, r.details])).toEqual([
        ['health', 'failed', { statusCode: 503 }],
        ['health', 'ok', null],
        ['port', 'ok', null],
      ]);
      expect(history.latest).toEqual([
        { checkId: 'health', at: 3_000, outcome: 'ok', message: 'HTTP 200', latencyMs: 4, details: { statusCode: 200 } },
        { checkId: 'port', at: 4_000, outcome: 'ok', message: 'connected', latencyMs: 1, details: { address: '127.0.0.1' } },
      ]);
      // The newest result of each check, whatever the window asked for.
      expect((await store.serviceHistory('checkout', 0, 500, 100)).latest.map((r) => r.checkId)).toEqual(['health', 'port']);
      expect((await store.serviceHistory('other', 0, 10_000, 100)).latest).toEqual([]);
    });

    it('pruning removes old raw results but keeps transitions', async () => {
      await store.writeResult(write());
      await store.writeResult(
        write({ result: { at: 5_000, outcome: 'ok', message: 'HTTP 200', latencyMs: 1 }, checkTransition: undefined, serviceTransition: undefined }),
      );
      expect(await store.pruneResults(2_000)).toBe(1);
      const history = await store.serviceHistory('checkout', 0, 10_000, 100);
      expect(history.results.map((r) => r.at)).toEqual([5_000]);
      expect(history.transitions).toHaveLength(2);
    });

    it('what was written survives closing and reopening', async () => {
      await store.writeResult(write());
      await store.close();
      store = await factory.reopen();
      expect((await store.loadState()).services).toEqual([{ serviceId: 'checkout', status: 'down', since: 1_000 }]);
    });

    it("keeps each source's health, the latest write replacing the one before, across a reopen", async () => {
      expect(await store.loadSourceHealth()).toEqual([]);
      const am = { sourceId: 'am', lastReceivedAt: 5_000, received: 3, errors: 1, lastError: 'wrong or missing bearer token', lastErrorAt: 4_000 };
      await store.writeSourceHealth({
        sourceId: 'ci',
        lastReceivedAt: null,
        received: 0,
        errors: 2,
        lastError: 'request body is not valid JSON',
        lastErrorAt: 1_000,
      });
      await store.writeSourceHealth({ ...am, lastReceivedAt: 2_000, received: 1 });
      await store.writeSourceHealth(am);
      await store.close();
      store = await factory.reopen();
      expect(await store.loadSourceHealth()).toEqual([
        am,
        { sourceId: 'ci', lastReceivedAt: null, received: 0, errors: 2, lastError: 'request body is not valid JSON', lastErrorAt: 1_000 },
      ]);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('reports no write problem while writes succeed', async () => {
      expect(store.writeProblem()).toBeNull();
      await store.writeResult(write());
      expect(store.writeProblem()).toBeNull();
    });
  });
}
