import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, Page } from '../../../server/incidents/model';
import type { StoredMaintenance } from '../../../server/maintenance/model';
import { addSample, emptyRollup } from '../../../server/history/rollup';
import type { ResultWrite, Store } from '../../../server/store/store';
import type { StoredAccessToken, StoredSession } from '../../../server/access/model';

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

    const incident = (overrides: Partial<Incident> = {}): Incident => ({
      id: 'inc-1',
      serviceId: 'checkout',
      status: 'open',
      openedAt: 10_000,
      acknowledged: null,
      resolvedAt: null,
      reason: 'checkout/health: expected status 200, got 503',
      causes: [{ checkId: 'health', type: 'http', message: 'expected status 200, got 503' }],
      impacted: [],
      partOf: null,
      reopened: 0,
      step: null,
      stepAt: null,
      timeline: [{ at: 10_000, kind: 'opened', message: 'Checkout API is down' }],
      ...overrides,
    });
    const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);
    const page = (overrides: Partial<Page> = {}): Page => ({
      id: 'page-1',
      incidentId: 'inc-1',
      kind: 'trigger',
      step: 'primary',
      recipient: { kind: 'person', id: 'alice', name: 'Alice Liddell' },
      channel: 'mail',
      channelType: 'email',
      route: 0,
      address: 'alice@example.com',
      status: 'pending',
      attempts: 0,
      createdAt: 10_000,
      sentAt: null,
      nextAttemptAt: null,
      lastError: null,
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
        // An ok result's message is kept only as its check's latest.
        [3_000, 'ok', '', null],
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
      expect(history.results.map((r) => r.at)).toEqual([4_000, 5_000]);
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
      expect(await store.oldestResult()).toBe(1_000);
      expect(await store.prune('raw', 2_000, 100)).toBe(1);
      const history = await store.serviceHistory('checkout', 0, 10_000, 100);
      expect(history.results.map((r) => r.at)).toEqual([5_000]);
      expect(history.transitions).toHaveLength(2);
      expect(await store.oldestResult()).toBe(5_000);
    });

    it('keeps two results of a check in the same millisecond (two pushes at once), the second a millisecond later', async () => {
      const same = (message: string) =>
        write({ result: { at: 1_000, outcome: 'failed', message, latencyMs: 1 }, checkTransition: undefined, serviceTransition: undefined });
      await Promise.all([store.writeResult(same('first')), store.writeResult(same('second'))]);
      const { results } = await store.serviceHistory('checkout', 0, 10_000, 100);
      expect(results.map((r) => [r.at, r.message])).toEqual([
        [1_000, 'first'],
        [1_001, 'second'],
      ]);
    });

    it('pruning deletes at most the rows asked for, so a long backlog goes in small transactions', async () => {
      for (let at = 1_000; at <= 5_000; at += 1_000) {
        await store.writeResult(
          write({ result: { at, outcome: 'ok', message: 'HTTP 200', latencyMs: 1 }, checkTransition: undefined, serviceTransition: undefined }),
        );
      }
      expect(await store.prune('raw', 4_500, 3)).toBe(3);
      expect(await store.prune('raw', 4_500, 3)).toBe(1);
      expect(await store.prune('raw', 4_500, 3)).toBe(0);
      expect((await store.serviceHistory('checkout', 0, 10_000, 100)).results.map((r) => r.at)).toEqual([5_000]);
    });

    it('keeps a result as stored: outcome, response time to 0.1 ms, the message and details of one not ok', async () => {
      await store.writeResult(write({ result: { at: 1_000, outcome: 'degraded', message: 'slow: 812 ms', latencyMs: 812.34, details: { statusCode: 200 } } }));
      await store.writeResult(
        write({ result: { at: 2_000, outcome: 'ok', message: 'HTTP 200', latencyMs: 0.26 }, checkTransition: undefined, serviceTransition: undefined }),
      );
      await store.writeResult(
        write({ result: { at: 3_000, outcome: 'unknown', message: 'no answer', latencyMs: null }, checkTransition: undefined, serviceTransition: undefined }),
      );
      const { results } = await store.serviceHistory('checkout', 0, 10_000, 100);
      expect(results).toEqual([
        { checkId: 'health', at: 1_000, outcome: 'degraded', message: 'slow: 812 ms', latencyMs: 812.3, details: { statusCode: 200 } },
        // An ok result's message is its check's latest only: a month of "HTTP 200" tells nothing.
        { checkId: 'health', at: 2_000, outcome: 'ok', message: '', latencyMs: 0.3, details: null },
        { checkId: 'health', at: 3_000, outcome: 'unknown', message: 'no answer', latencyMs: null, details: null },
      ]);
    });

    it('gives what an hour is rolled up from: samples, the status before it and the changes in it', async () => {
      const hour = 3_600_000;
      await store.writeResult(write({ result: { at: hour - 10, outcome: 'failed', message: 'x', latencyMs: 5 } }));
      await store.writeResult(
        write({
          result: { at: hour + 60_000, outcome: 'ok', message: 'HTTP 200', latencyMs: 12.5 },
          checkTransition: { from: 'down', to: 'up', at: hour + 60_000 },
          serviceTransition: { from: 'down', to: 'up', at: hour + 60_000 },
        }),
      );
      const keys = await store.rollupKeys();
      expect(keys).toEqual(
        expect.arrayContaining([
          { serviceId: 'checkout', checkId: 'health' },
          { serviceId: 'checkout', checkId: null },
        ]),
      );
      expect(keys).toHaveLength(2);
      const [check, service] = await store.rollupFacts(
        [
          { serviceId: 'checkout', checkId: 'health' },
          { serviceId: 'checkout', checkId: null },
        ],
        hour,
        2 * hour,
      );
      expect(check).toEqual({
        serviceId: 'checkout',
        checkId: 'health',
        samples: [{ at: hour + 60_000, outcome: 'ok', latencyTenths: 125 }],
        statusBefore: 'down',
        transitions: [{ at: hour + 60_000, to: 'up' }],
        firstSeenAt: 1_000,
      });
      expect(service).toMatchObject({ checkId: null, samples: [], statusBefore: 'down', transitions: [{ at: hour + 60_000, to: 'up' }] });
    });

    it('stores rollups by series and hour, replacing a redone hour, and prunes minutes before hours', async () => {
      const hour = 3_600_000;
      const day = 24 * hour;
      const rollup = (ok: number, latency: number) => {
        const r = emptyRollup();
        for (let i = 0; i < ok; i++) addSample(r, { at: 0, outcome: 'ok', latencyTenths: latency });
        r.statusMs.up = 60_000;
        return r;
      };
      const key = { serviceId: 'checkout', checkId: 'health' };
      const hourRow = (at: number, ok: number) => ({ key, hour: at, rollup: rollup(ok, 100), minutes: new Map([[5, rollup(ok, 100)]]) });
      // Two hours of one day, one of the next, and one of the day after.
      await store.writeRollups([hourRow(hour, 1), hourRow(2 * hour, 2), hourRow(day + 3 * hour, 3), hourRow(2 * day, 4)]);
      await store.writeRollups([hourRow(2 * hour, 7)]);
      expect(await store.rolledUpThrough()).toBeNull();
      await store.setRolledUpThrough(2 * day + hour);
      expect(await store.rolledUpThrough()).toBe(2 * day + hour);

      const hours = await store.rollups('checkout', 'hour', hour, 3 * day);
      expect(hours.map((r) => [r.checkId, r.at, r.rollup.runs.ok])).toEqual([
        ['health', hour, 1],
        ['health', 2 * hour, 7],
        ['health', day + 3 * hour, 3],
        ['health', 2 * day, 4],
      ]);
      expect(hours[1]!.rollup).toEqual(rollup(7, 100));
      // The window cuts through days and hours alike.
      expect((await store.rollups('checkout', 'hour', 2 * hour, day + 4 * hour)).map((r) => r.at)).toEqual([2 * hour, day + 3 * hour]);
      const minutes = await store.rollups('checkout', 'minute', 2 * hour, day + 3 * hour + 6 * 60_000);
      expect(minutes.map((r) => [r.at, r.rollup.runs.ok])).toEqual([
        [2 * hour + 5 * 60_000, 7],
        [day + 3 * hour + 5 * 60_000, 3],
      ]);

      expect(await store.prune('minute', day + 3 * hour, 100)).toBe(2);
      expect((await store.rollups('checkout', 'minute', 0, 3 * day)).map((r) => r.at)).toEqual([day + 3 * hour + 5 * 60_000, 2 * day + 5 * 60_000]);
      expect(await store.rollups('checkout', 'hour', 0, 3 * day)).toHaveLength(4);
      // Hours go a whole day at a time, once all of it is past.
      expect(await store.prune('hour', day + 5 * hour, 100)).toBe(1);
      expect((await store.rollups('checkout', 'hour', 0, 3 * day)).map((r) => r.at)).toEqual([day + 3 * hour, 2 * day]);
      await store.close();
      store = await factory.reopen();
      expect(await store.rolledUpThrough()).toBe(2 * day + hour);
      expect(await store.rollups('checkout', 'hour', 0, 3 * day)).toHaveLength(2);
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

    describe('incidents', () => {
      it('an incident saved is read back whole, and saving it again replaces it', async () => {
        const opened = incident({
          causes: [
            { checkId: 'health', type: 'http', message: 'expected status 200, got 503' },
            { checkId: 'am', type: 'alertmanager', origin: 'source', message: '2 alerts firing', alerts: ['HighErrorRate', 'PodCrashLooping'] },
          ],
          impacted: ['storefront'],
          step: 'primary',
          stepAt: 10_500,
        });
        await store.saveIncident(opened);
        expect(await store.incident('inc-1')).toEqual(opened);

        const resolved = incident({
          status: 'resolved',
          acknowledged: { by: 'Alice Liddell', personId: 'alice', at: 11_000, via: 'link' },
          resolvedAt: 12_000,
          partOf: 'inc-0',
          reopened: 1,
          timeline: [...opened.timeline, { at: 11_000, kind: 'acknowledged', message: 'Alice Liddell acknowledged' }],
        });
        await store.saveIncident(resolved);
        expect(await store.incident('inc-1')).toEqual(resolved);
        expect(await store.incidents({ from: 0, to: 99_000, limit: 10 })).toEqual([resolved]);
        expect(await store.incident('inc-2')).toBeNull();
      });

      it('a window holds the incidents open at any time in it, and none that ended before or began after', async () => {
        await store.saveIncident(incident({ id: 'across', openedAt: 1_000 }));
        await store.saveIncident(incident({ id: 'ended-before', openedAt: 1_000, status: 'resolved', resolvedAt: 4_999 }));
        await store.saveIncident(incident({ id: 'ended-at-start', openedAt: 2_000, status: 'resolved', resolvedAt: 5_000 }));
        await store.saveIncident(incident({ id: 'inside', openedAt: 6_000, status: 'resolved', resolvedAt: 7_000 }));
        await store.saveIncident(incident({ id: 'began-at-end', openedAt: 8_000 }));
        await store.saveIncident(incident({ id: 'began-after', openedAt: 8_001 }));
        expect(ids(await store.incidents({ from: 5_000, to: 8_000, limit: 10 }))).toEqual(['began-at-end', 'inside', 'ended-at-start', 'across']);
      });

      it("a window can be narrowed to one service's incidents, or to one status", async () => {
        await store.saveIncident(incident({ id: 'checkout-open', openedAt: 1_000 }));
        await store.saveIncident(incident({ id: 'checkout-acked', openedAt: 2_000, status: 'acknowledged' }));
        await store.saveIncident(incident({ id: 'orders-open', serviceId: 'orders-db', openedAt: 3_000 }));
        const window = { from: 0, to: 10_000, limit: 10 };
        expect(ids(await store.incidents({ ...window, serviceId: 'checkout' }))).toEqual(['checkout-acked', 'checkout-open']);
        expect(ids(await store.incidents({ ...window, status: 'open' }))).toEqual(['orders-open', 'checkout-open']);
        expect(ids(await store.incidents({ ...window, serviceId: 'checkout', status: 'open' }))).toEqual(['checkout-open']);
        expect(await store.incidents({ ...window, serviceId: 'payments' })).toEqual([]);
      });

      it('a window can leave out the incidents that joined another as its symptom, before the limit counts', async () => {
        await store.saveIncident(incident({ id: 'cause', serviceId: 'orders-db', openedAt: 1_000 }));
        for (const at of [2_000, 3_000, 4_000]) await store.saveIncident(incident({ id: `joined-${at}`, openedAt: at, partOf: 'cause' }));
        await store.saveIncident(incident({ id: 'own', openedAt: 5_000 }));
        expect(ids(await store.incidents({ from: 0, to: 10_000, limit: 2, ownOnly: true }))).toEqual(['own', 'cause']);
        expect(ids(await store.incidents({ from: 0, to: 10_000, limit: 2, ownOnly: true, serviceId: 'checkout', status: 'open' }))).toEqual(['own']);
        expect(ids(await store.incidents({ from: 0, to: 10_000, limit: 2 }))).toEqual(['own', 'joined-4000']);
      });

      it('a window gives the newest incidents first, at most the limit', async () => {
        for (const at of [3_000, 1_000, 5_000, 2_000, 4_000]) await store.saveIncident(incident({ id: `at-${at}`, openedAt: at }));
        expect(ids(await store.incidents({ from: 0, to: 10_000, limit: 3 }))).toEqual(['at-5000', 'at-4000', 'at-3000']);
      });

      it('the active incidents are those not resolved and those resolved lately', async () => {
        await store.saveIncident(incident({ id: 'open', openedAt: 1_000 }));
        await store.saveIncident(incident({ id: 'acked', openedAt: 2_000, status: 'acknowledged' }));
        await store.saveIncident(incident({ id: 'resolved-long-ago', openedAt: 1_000, status: 'resolved', resolvedAt: 2_999 }));
        await store.saveIncident(incident({ id: 'resolved-lately', openedAt: 2_000, status: 'resolved', resolvedAt: 3_000 }));
        expect(ids(await store.activeIncidents(3_000)).sort()).toEqual(['acked', 'open', 'resolved-lately']);
      });
    });

    describe('pages', () => {
      it('a page is stored once: the same page again, or another id with the same key, is refused', async () => {
        expect(await store.addPage(page())).toBe(true);
        expect(await store.addPage(page())).toBe(false);
        expect(await store.addPage(page({ id: 'page-2', createdAt: 20_000, address: 'someone-else@example.com' }))).toBe(false);
        expect(await store.pagesOf(['inc-1'])).toEqual([page()]);
      });

      it('pages differing in any part of their key are all stored', async () => {
        const others = [
          page({ id: 'p-resolve', kind: 'resolve' }),
          page({ id: 'p-secondary', step: 'secondary' }),
          page({ id: 'p-bob', recipient: { kind: 'person', id: 'bob', name: 'Bob' } }),
          page({ id: 'p-team', recipient: { kind: 'team', id: 'alice', name: 'Alice team' } }),
          page({ id: 'p-slack', channel: 'slack' }),
          page({ id: 'p-route', route: 1 }),
          page({ id: 'p-other-incident', incidentId: 'inc-2' }),
        ];
        expect(await store.addPage(page())).toBe(true);
        for (const other of others) expect(await store.addPage(other)).toBe(true);
        expect(await store.pagesOf(['inc-1', 'inc-2'])).toHaveLength(others.length + 1);
      });

      it("an update saves a page's delivery state", async () => {
        await store.addPage(page());
        const retrying = page({ status: 'retrying', attempts: 1, nextAttemptAt: 40_000, lastError: 'mail server refused: 451 try again later' });
        await store.updatePage(retrying);
        expect(await store.pagesOf(['inc-1'])).toEqual([retrying]);
        const sent = page({ status: 'sent', attempts: 2, sentAt: 40_100 });
        await store.updatePage(sent);
        expect(await store.pagesOf(['inc-1'])).toEqual([sent]);
      });

      it('updating a page that was never added is refused, naming it', async () => {
        await expect(store.updatePage(page({ id: 'page-9' }))).rejects.toThrow(/page-9/);
        expect(await store.pagesOf(['inc-1'])).toEqual([]);
      });

      it('the pages of some incidents come oldest first, and no others', async () => {
        await store.addPage(page({ id: 'b-late', incidentId: 'inc-b', createdAt: 3_000 }));
        await store.addPage(page({ id: 'a-early', incidentId: 'inc-a', createdAt: 1_000 }));
        await store.addPage(page({ id: 'c', incidentId: 'inc-c', createdAt: 2_000 }));
        await store.addPage(page({ id: 'a-late', incidentId: 'inc-a', createdAt: 4_000, kind: 'resolve' }));
        expect(ids(await store.pagesOf(['inc-a', 'inc-b']))).toEqual(['a-early', 'b-late', 'a-late']);
        expect(await store.pagesOf([])).toEqual([]);
        expect(await store.pagesOf(['inc-z'])).toEqual([]);
      });

      it('the unfinished pages are those pending or retrying, oldest first', async () => {
        await store.addPage(page({ id: 'retrying', incidentId: 'inc-1', createdAt: 3_000, status: 'retrying', attempts: 1 }));
        await store.addPage(page({ id: 'sent', incidentId: 'inc-2', createdAt: 1_000, status: 'sent', attempts: 1, sentAt: 1_100 }));
        await store.addPage(page({ id: 'pending', incidentId: 'inc-3', createdAt: 2_000 }));
        await store.addPage(page({ id: 'failed', incidentId: 'inc-4', createdAt: 500, status: 'failed', attempts: 5 }));
        expect(ids(await store.unfinishedPages())).toEqual(['pending', 'retrying']);
        await store.updatePage(page({ id: 'pending', incidentId: 'inc-3', createdAt: 2_000, status: 'sent', attempts: 1, sentAt: 2_100 }));
        expect(ids(await store.unfinishedPages())).toEqual(['retrying']);
      });

      it('incidents and pages survive closing and reopening, and a page is still stored only once', async () => {
        const opened = incident({ impacted: ['storefront'], step: 'primary', stepAt: 10_000 });
        await store.saveIncident(opened);
        await store.addPage(page());
        await store.close();
        store = await factory.reopen();
        expect(await store.incident('inc-1')).toEqual(opened);
        expect(await store.activeIncidents(0)).toEqual([opened]);
        expect(await store.unfinishedPages()).toEqual([page()]);
        expect(await store.addPage(page({ id: 'page-after-restart' }))).toBe(false);
      });
    });

    describe('maintenance windows', () => {
      const window = (overrides: Partial<StoredMaintenance> = {}): StoredMaintenance => ({
        id: 'mw-1',
        services: ['checkout', 'orders-db'],
        from: 10_000,
        until: 20_000,
        reason: 'database upgrade',
        createdBy: 'alice',
        createdAt: 5_000,
        ...overrides,
      });

      it('a window saved is loaded until it ends; saving it again replaces it', async () => {
        await store.saveMaintenance(window());
        expect(await store.loadMaintenance(0)).toEqual([window()]);
        expect(await store.loadMaintenance(19_999)).toEqual([window()]);
        expect(await store.loadMaintenance(20_000)).toEqual([]);
        const longer = window({ services: ['checkout'], until: 30_000, reason: 'database upgrade, second try', createdBy: null });
        await store.saveMaintenance(longer);
        expect(await store.loadMaintenance(20_000)).toEqual([longer]);
      });

      it('only windows that end after the time asked for are loaded, earliest first', async () => {
        await store.saveMaintenance(window({ id: 'ended', from: 1_000, until: 2_000 }));
        await store.saveMaintenance(window({ id: 'later', from: 50_000, until: 60_000 }));
        await store.saveMaintenance(window({ id: 'now', from: 4_000, until: 9_000 }));
        expect(ids(await store.loadMaintenance(5_000))).toEqual(['now', 'later']);
      });

      it('a window deleted is gone, and deleting says whether there was one', async () => {
        await store.saveMaintenance(window());
        await store.saveMaintenance(window({ id: 'mw-2' }));
        expect(await store.deleteMaintenance('mw-1')).toBe(true);
        expect(await store.deleteMaintenance('mw-1')).toBe(false);
        expect(ids(await store.loadMaintenance(0))).toEqual(['mw-2']);
      });

      it('windows survive closing and reopening', async () => {
        await store.saveMaintenance(window());
        await store.close();
        store = await factory.reopen();
        expect(await store.loadMaintenance(0)).toEqual([window()]);
      });
    });

    describe('access tokens and sessions', () => {
      const token = (overrides: Partial<StoredAccessToken> = {}): StoredAccessToken => ({
        id: 'tok-1',
        kind: 'board',
        name: 'Office TV',
        scope: 'read',
        hash: 'a'.repeat(64),
        createdAt: 1_000,
        createdBy: 'alice',
        lastUsedAt: null,
        revokedAt: null,
        ...overrides,
      });

      it('a token is found by its hash, listed newest first, and survives a reopen', async () => {
        await store.saveAccessToken(token());
        await store.saveAccessToken(token({ id: 'tok-2', kind: 'api', name: 'deploy script', scope: 'respond', hash: 'b'.repeat(64), createdAt: 2_000 }));
        expect(await store.accessTokenByHash('a'.repeat(64))).toEqual(token());
        expect(await store.accessTokenByHash('c'.repeat(64))).toBeNull();
        await store.close();
        store = await factory.reopen();
        expect((await store.accessTokens()).map((t) => t.id)).toEqual(['tok-2', 'tok-1']);
      });

      it('two tokens never share a hash', async () => {
        await store.saveAccessToken(token());
        await expect(store.saveAccessToken(token({ id: 'tok-2' }))).rejects.toThrow();
      });

      it('revoking keeps the first time and says whether it revoked anything', async () => {
        await store.saveAccessToken(token());
        expect(await store.revokeAccessToken('tok-1', 5_000)).toBe(true);
        expect(await store.revokeAccessToken('tok-1', 6_000)).toBe(false);
        expect(await store.revokeAccessToken('nothing', 6_000)).toBe(false);
        expect((await store.accessTokenByHash('a'.repeat(64)))?.revokedAt).toBe(5_000);
      });

      it('a use is recorded only when it is later than the last', async () => {
        await store.saveAccessToken(token());
        await store.touchAccessToken('tok-1', 9_000);
        await store.touchAccessToken('tok-1', 8_000);
        expect((await store.accessTokenByHash('a'.repeat(64)))?.lastUsedAt).toBe(9_000);
      });

      it('a session is found until it expires, ends when deleted, and expired ones are pruned', async () => {
        const session: StoredSession = { hash: 'd'.repeat(64), userId: 'alice', createdAt: 1_000, expiresAt: 10_000 };
        await store.saveSession(session);
        await store.saveSession({ ...session, hash: 'e'.repeat(64), expiresAt: 50_000 });
        expect(await store.session('d'.repeat(64), 9_999)).toEqual(session);
        expect(await store.session('d'.repeat(64), 10_000)).toBeNull();
        expect(await store.pruneSessions(10_000)).toBe(1);
        await store.deleteSession('e'.repeat(64));
        expect(await store.session('e'.repeat(64), 0)).toBeNull();
      });

      it('attempts are counted per key in a window from the first, start again once it ends, and are pruned after', async () => {
        const WINDOW = 15 * 60_000;
        expect(await store.countAttempt('203.0.113.9:vic', 1, 1_000, WINDOW)).toEqual({ hits: 1, resetAt: 1_000 + WINDOW });
        expect(await store.countAttempt('203.0.113.9:vic', 1, 2_000, WINDOW)).toEqual({ hits: 2, resetAt: 1_000 + WINDOW });
        // Another key counts apart; one taken back never goes below nothing.
        expect(await store.countAttempt('203.0.113.9:ada', 1, 2_000, WINDOW)).toEqual({ hits: 1, resetAt: 2_000 + WINDOW });
        expect(await store.countAttempt('203.0.113.9:vic', -1, 3_000, WINDOW)).toEqual({ hits: 1, resetAt: 1_000 + WINDOW });
        expect((await store.countAttempt('203.0.113.9:vic', -1, 3_000, WINDOW)).hits).toBe(0);
        expect((await store.countAttempt('203.0.113.9:vic', -1, 3_000, WINDOW)).hits).toBe(0);
        // Counts from several at once are all kept (every instance counts into one row).
        await Promise.all(Array.from({ length: 20 }, () => store.countAttempt('198.51.100.1', 1, 4_000, WINDOW)));
        expect((await store.countAttempt('198.51.100.1', 1, 4_000, WINDOW)).hits).toBe(21);
        // The window over, the count starts again from this attempt.
        expect(await store.countAttempt('198.51.100.1', 1, 4_000 + WINDOW, WINDOW)).toEqual({ hits: 1, resetAt: 4_000 + 2 * WINDOW });
        await store.forgetAttempts('203.0.113.9:ada');
        expect(await store.countAttempt('203.0.113.9:ada', 1, 5_000, WINDOW)).toEqual({ hits: 1, resetAt: 5_000 + WINDOW });
        // Ended windows are forgotten: vic's (ended at 1 000 + WINDOW), not the others'.
        expect(await store.pruneAttempts(1_000 + WINDOW)).toBe(1);
        expect(await store.countAttempt('203.0.113.9:vic', 1, 6_000, WINDOW)).toEqual({ hits: 1, resetAt: 6_000 + WINDOW });
      });
    });

    describe('on-call readings', () => {
      it('keeps the latest answer per team and layer, whole, across a reopen', async () => {
        const shifts = [
          { who: { email: 'alice@example.com', name: 'Alice Liddell' }, from: 1_000, to: 5_000 },
          { who: { personId: 'bob' }, from: 5_000, to: 9_000 },
          // A scheduler's shift with no end yet.
          { who: { name: 'Infinity', email: 'carol@example.com' }, from: 9_000, to: Number.POSITIVE_INFINITY },
        ];
        await store.saveOncallReading({ teamId: 'payments', layer: 'primary', feed: 'f1', shifts, asOf: 2_000 });
        await store.saveOncallReading({ teamId: 'payments', layer: 'secondary', feed: 'f2', shifts: [], asOf: 2_000 });
        // A later answer replaces the one before, feed and all.
        await store.saveOncallReading({ teamId: 'payments', layer: 'primary', feed: 'f3', shifts: shifts.slice(1), asOf: 3_000 });
        const expected = [
          { teamId: 'payments', layer: 'primary', feed: 'f3', shifts: shifts.slice(1), asOf: 3_000 },
          { teamId: 'payments', layer: 'secondary', feed: 'f2', shifts: [], asOf: 2_000 },
        ];
        expect(await store.oncallReadings()).toEqual(expected);
        await store.close();
        store = await factory.reopen();
        expect(await store.oncallReadings()).toEqual(expected);
      });
    });

    describe('what uptime is worked out from', () => {
      it('keeps the runs of the server, each until it was last alive, across a reopen', async () => {
        const first = await store.startRun(1_000);
        await store.runAlive(first, 16_000);
        await store.runAlive(first, 31_000);
        // A late write never moves a run's end back.
        await store.runAlive(first, 20_000);
        const second = await store.startRun(100_000);
        await store.runAlive(second, 115_000);
        await store.close();
        store = await factory.reopen();
        expect(await store.runs(0, 200_000)).toEqual([
          { from: 1_000, to: 31_000 },
          { from: 100_000, to: 115_000 },
        ]);
        // Only those overlapping the window asked.
        expect(await store.runs(40_000, 99_000)).toEqual([]);
        expect(await store.runs(30_000, 100_000)).toEqual([
          { from: 1_000, to: 31_000 },
          { from: 100_000, to: 115_000 },
        ]);
      });

      it("gives each service's status before the window, its own transitions inside it (not its checks'), and when it was first seen", async () => {
        await store.writeResult(
          write({
            result: { at: 1_000, outcome: 'ok', message: 'ok', latencyMs: 1 },
            machine: { status: 'up', since: 1_000, failures: 0, successes: 1 },
            checkTransition: { from: null, to: 'up', at: 1_000 },
            serviceTransition: { from: null, to: 'up', at: 1_000 },
          }),
        );
        await store.writeResult(
          write({
            result: { at: 5_000, outcome: 'failed', message: 'no', latencyMs: 1 },
            checkTransition: { from: 'up', to: 'down', at: 5_000 },
            serviceTransition: { from: 'up', to: 'down', at: 5_000 },
          }),
        );
        await store.writeServiceTransition('checkout', { from: 'down', to: 'unknown', at: 8_000 });
        await store.writeResult(
          write({
            result: { at: 9_000, outcome: 'ok', message: 'ok', latencyMs: 1 },
            machine: { status: 'up', since: 9_000, failures: 0, successes: 1 },
            checkTransition: { from: 'down', to: 'up', at: 9_000 },
            serviceTransition: { from: 'unknown', to: 'up', at: 9_000 },
          }),
        );
        // A check that changed while the service did not.
        await store.writeResult(
          write({
            checkId: 'deep',
            result: { at: 9_500, outcome: 'degraded', message: 'slow', latencyMs: 1 },
            machine: { status: 'degraded', since: 9_500, failures: 0, successes: 1 },
            checkTransition: { from: 'up', to: 'degraded', at: 9_500 },
            serviceTransition: undefined,
          }),
        );
        const facts = await store.uptimeFacts(['checkout', 'never-seen'], 6_000, 10_000);
        expect(facts.get('checkout')).toEqual({
          statusBefore: 'down',
          transitions: [
            { at: 8_000, to: 'unknown' },
            { at: 9_000, to: 'up' },
          ],
          firstSeenAt: 1_000,
        });
        expect(facts.get('never-seen')).toEqual({ statusBefore: null, transitions: [], firstSeenAt: null });
        // The window's end is not in it; its start is.
        expect((await store.uptimeFacts(['checkout'], 5_000, 9_000)).get('checkout')).toEqual({
          statusBefore: 'up',
          transitions: [
            { at: 5_000, to: 'down' },
            { at: 8_000, to: 'unknown' },
          ],
          firstSeenAt: 1_000,
        });
      });
    });

    it('a setting keeps the first value written, across a reopen', async () => {
      expect(await store.setting('ack-signing-key', 'first')).toBe('first');
      expect(await store.setting('ack-signing-key', 'second')).toBe('first');
      expect(await store.setting('other-key', 'another')).toBe('another');
      await store.close();
      store = await factory.reopen();
      expect(await store.setting('ack-signing-key', 'third')).toBe('first');
      expect(await store.setting('other-key', 'more')).toBe('another');
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
