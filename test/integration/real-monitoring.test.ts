import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ServiceView, ServicesResponse, SourcesResponse, UnmappedAlertsResponse } from '../../shared/api';
import { parseConfig } from '../../server/config/load';
import { startAlertmanager } from '../helpers/alertmanager';
import { startMetricsTarget, type MetricsTarget } from '../helpers/metrics-target';
import type { Daemon } from '../helpers/daemon';
import { monitoringRequirement, startPrometheus, type AlertRule } from '../helpers/prometheus';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

/*
 * Greenboard in its own process, fed by a real Prometheus (and Alertmanager) scraping an
 * application's /metrics that the test flips: app_up{app="checkout"} 1 → 0 → 1.
 * Each path has a stack of its own, so no test depends on another's leftovers.
 */

const { skip } = monitoringRequirement();

const AM_TOKEN = 'am-webhook-3e9b71c04d5a28f6';
const CHECKOUT = 'app_up{app="checkout"}';
const SEARCH = 'app_up{app="search"}';

/** One rule for every app: the alert names its service by label, as teams label theirs. */
const APP_DOWN: AlertRule = {
  alert: 'AppDown',
  expr: 'app_up == 0',
  labels: { severity: 'critical', service: '{{ $labels.app }}' },
  annotations: { summary: '{{ $labels.app }} is down' },
};

/** A change travels scrape (1s) → rule or check (1s) → Alertmanager's group wait: seconds, with room for a busy machine. */
const PROPAGATION_MS = 20_000;
const TEST_MS = 60_000;

/**
 * The processes one describe runs: its app, Prometheus, perhaps an Alertmanager, and
 * Greenboard. They stop in reverse order after its tests; a wait that times out shows
 * the last lines each of them wrote.
 */
class Stack {
  private readonly started: Array<{ name: string; stop: () => Promise<unknown>; output?: () => string }> = [];
  private server: ServerProcess | null = null;

  constructor() {
    afterAll(async () => {
      for (const { stop } of this.started.splice(0).reverse()) await stop();
    });
  }

  async app(): Promise<MetricsTarget> {
    const target = await startMetricsTarget({ [CHECKOUT]: 1, [SEARCH]: 1 });
    this.started.push({ name: 'app', stop: () => target.close() });
    return target;
  }

  async prometheus(options: Parameters<typeof startPrometheus>[0]): Promise<Daemon> {
    return this.daemon(await startPrometheus(options));
  }

  async alertmanager(options: Parameters<typeof startAlertmanager>[0]): Promise<Daemon> {
    return this.daemon(await startAlertmanager(options));
  }

  async greenboard(yaml: string, env: Record<string, string> = {}, port?: number): Promise<ServerProcess> {
    // A config the server would refuse fails here at once, with its problems listed, not after a readiness timeout.
    parseConfig(yaml, 'board.yaml', env);
    const dir = mkdtempSync(join(tmpdir(), 'gb-realmon-'));
    writeFileSync(join(dir, 'board.yaml'), yaml);
    const server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: port ?? (await stablePort()), env });
    const stop = async () => (await server.kill(), await rm(dir, { recursive: true, force: true }));
    this.started.push({ name: 'Greenboard', stop, output: () => server.output() });
    this.server = server;
    return server;
  }

  get url(): string {
    if (!this.server) throw new Error('Greenboard is not started');
    return this.server.url;
  }

  async service(id: string): Promise<ServiceView> {
    const body = (await (await fetch(`${this.url}/api/services`)).json()) as ServicesResponse;
    const found = body.services.find((s) => s.id === id);
    if (!found) throw new Error(`no service ${id} on the board`);
    return found;
  }

  /** Waits until the service reads as `predicate` wants; a timeout names the last view seen and what each process said. */
  async waitForService(id: string, predicate: (s: ServiceView) => boolean, what: string): Promise<ServiceView> {
    let last: ServiceView | undefined;
    try {
      return await waitFor(
        async () => {
          last = await this.service(id);
          return predicate(last) && last;
        },
        what,
        { timeoutMs: PROPAGATION_MS, everyMs: 100 },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\nlast seen: ${JSON.stringify(last)}\n${this.said()}`);
    }
  }

  async sourceHealth(id: string) {
    const { sources } = (await (await fetch(`${this.url}/api/sources`)).json()) as SourcesResponse;
    return sources.find((s) => s.id === id)?.health;
  }

  private daemon(daemon: Daemon): Daemon {
    this.started.push({ name: daemon.name, stop: () => daemon.stop(), output: () => daemon.output() });
    return daemon;
  }

  private said(): string {
    const tail = (text: string) => text.trimEnd().split('\n').slice(-15).join('\n');
    return this.started.flatMap(({ name, output }) => (output ? [`--- the last lines ${name} wrote:\n${tail(output())}`] : [])).join('\n');
  }
}

const entry = (service: ServiceView, id: string) => service.checks.find((c) => c.id === id);

const twoServices = `services:
  - { id: checkout, name: Checkout }
  - { id: search, name: Search }
`;

/** A check of each service querying Prometheus, in the `prometheus` check type's config shape. */
const queryChecks = (prometheus: string) => `services:
  - id: checkout
    name: Checkout
    checks:
      - { id: app-up, type: prometheus, url: "${prometheus}", query: 'app_up{job="app",app="checkout"}', interval: 1s, expect: { value: "== 1" } }
  - id: search
    name: Search
    checks:
      - { id: app-up, type: prometheus, url: "${prometheus}", query: 'app_up{job="app",app="search"}', interval: 1s, expect: { value: "== 1" } }
`;

/** The `prometheus` source in its config shape: polls `/api/v1/alerts`, maps by the `service` label. */
const alertsSource = (prometheus: string) => `sources:
  - { id: prom, type: prometheus, url: "${prometheus}", interval: 1s, serviceLabel: service }
`;

// Each describe runs a stack of its own on ports of its own, so they run side by side: the
// time goes into waiting for scrapes and evaluations, not into work.
describe('Greenboard fed by a real Prometheus and Alertmanager', { concurrent: true, skip }, () => {
  describe("(c) Prometheus → Alertmanager → Greenboard's webhook", () => {
    const stack = new Stack();
    let app: MetricsTarget;

    beforeAll(async () => {
      app = await stack.app();
      const port = await stablePort();
      const alertmanager = await stack.alertmanager({ webhookUrl: `http://127.0.0.1:${port}/api/sources/am/webhook`, token: AM_TOKEN });
      await stack.prometheus({ scrape: [{ job: 'app', target: app.address }], rules: [APP_DOWN], alertmanager: alertmanager.url });
      await stack.greenboard(`${twoServices}sources:\n  - { id: am, type: alertmanager, token: "\${AM_TOKEN}", serviceLabel: service }\n`, { AM_TOKEN }, port);
    });

    it(
      'an app going bad turns its own service red through the webhook, and its recovery turns it green again',
      async ({ expect }) => {
        await stack.waitForService('checkout', (s) => s.status === 'up', 'checkout to start up with no alerts firing');

        app.set(CHECKOUT, 0);
        const red = await stack.waitForService('checkout', (s) => s.status === 'down', 'checkout to go down through Alertmanager');
        expect(red.checks).toEqual([
          expect.objectContaining({ id: 'am', type: 'alertmanager', origin: 'source', status: 'down', message: 'AppDown: checkout is down' }),
        ]);
        expect((await stack.service('search')).status).toBe('up');
        const unmapped = (await (await fetch(`${stack.url}/api/alerts/unmapped`)).json()) as UnmappedAlertsResponse;
        expect(unmapped.alerts).toEqual([]);

        app.set(CHECKOUT, 1);
        const green = await stack.waitForService('checkout', (s) => s.status === 'up', 'checkout to turn up again once Alertmanager resolves the alert');
        expect(entry(green, 'am')?.message).toBe('no alerts firing');
        // The firing and the resolved notification, both taken with the bearer token Alertmanager sent.
        const health = await stack.sourceHealth('am');
        expect(health?.errors).toBe(0);
        expect(health?.received).toBeGreaterThanOrEqual(2);
      },
      TEST_MS,
    );
  });

  describe('(a) the prometheus check querying a real Prometheus', () => {
    const stack = new Stack();
    let app: MetricsTarget;

    beforeAll(async () => {
      app = await stack.app();
      const prometheus = await stack.prometheus({ scrape: [{ job: 'app', target: app.address }] });
      await stack.greenboard(queryChecks(prometheus.url));
    });

    it(
      'an app going bad turns its own service red through its query, and its recovery turns it green again',
      async ({ expect }) => {
        await stack.waitForService('checkout', (s) => s.status === 'up', 'checkout to be up once Prometheus has scraped the app');

        app.set(CHECKOUT, 0);
        const red = await stack.waitForService('checkout', (s) => s.status === 'down', "checkout to go down when its query's value is 0");
        expect(entry(red, 'app-up')).toMatchObject({ type: 'prometheus', status: 'down' });
        expect((await stack.service('search')).status).toBe('up');

        app.set(CHECKOUT, 1);
        const green = await stack.waitForService('checkout', (s) => s.status === 'up', 'checkout to turn up again when its query is 1');
        expect(entry(green, 'app-up')?.status).toBe('up');
      },
      TEST_MS,
    );
  });

  describe("(b) the prometheus source polling a real Prometheus's alerts", () => {
    const stack = new Stack();
    let app: MetricsTarget;

    beforeAll(async () => {
      app = await stack.app();
      const prometheus = await stack.prometheus({ scrape: [{ job: 'app', target: app.address }], rules: [APP_DOWN] });
      await stack.greenboard(`${twoServices}${alertsSource(prometheus.url)}`);
    });

    it(
      'an alert firing for an app turns its own service red, and its end turns it green again',
      async ({ expect }) => {
        await stack.waitForService('checkout', (s) => entry(s, 'prom')?.status === 'up', 'the first poll to find no alert for checkout');

        app.set(CHECKOUT, 0);
        const red = await stack.waitForService('checkout', (s) => s.status === 'down', 'checkout to go down when AppDown fires in Prometheus');
        expect(entry(red, 'prom')).toMatchObject({ type: 'prometheus', origin: 'source', status: 'down', message: 'AppDown: checkout is down' });
        expect((await stack.service('search')).status).toBe('up');

        app.set(CHECKOUT, 1);
        const green = await stack.waitForService('checkout', (s) => s.status === 'up', 'checkout to turn up again once AppDown is no longer active');
        expect(entry(green, 'prom')?.status).toBe('up');
        expect(await stack.sourceHealth('prom')).toMatchObject({ errors: 0, lastError: null });
      },
      TEST_MS,
    );
  });

  describe('a Prometheus that stops answering', () => {
    const stack = new Stack();
    let app: MetricsTarget;
    let prometheus: Daemon;

    beforeAll(async () => {
      app = await stack.app();
      prometheus = await stack.prometheus({ scrape: [{ job: 'app', target: app.address }], rules: [APP_DOWN] });
      await stack.greenboard(`${queryChecks(prometheus.url)}${alertsSource(prometheus.url)}`);
    });

    it(
      'turns the services it fed unknown, saying why, not green; and up again once it is back',
      async ({ expect }) => {
        const fed = (s: ServiceView) => [entry(s, 'app-up'), entry(s, 'prom')];
        await stack.waitForService('checkout', (s) => s.status === 'up' && fed(s).every((e) => e?.status === 'up'), 'the query and the poll both to be up');

        await prometheus.stop();
        const blind = await stack.waitForService(
          'checkout',
          (s) => fed(s).every((e) => e?.status === 'unknown'),
          'the query and the poll both to turn unknown without Prometheus',
        );
        expect(blind.status).toBe('unknown');
        for (const fedEntry of fed(blind)) expect(fedEntry?.message).toMatch(/unreachable|refused/i);
        expect((await stack.service('search')).status).toBe('unknown');
        const health = await stack.sourceHealth('prom');
        expect(health?.errors).toBeGreaterThan(0);
        expect(health?.lastError).toMatch(/unreachable|refused/i);

        // The same Prometheus, started again where it was (with empty storage, as after a wipe).
        await stack.prometheus({ scrape: [{ job: 'app', target: app.address }], rules: [APP_DOWN], port: prometheus.port });
        await stack.waitForService(
          'checkout',
          (s) => s.status === 'up' && fed(s).every((e) => e?.status === 'up'),
          'the query and the poll both to be up again',
        );
      },
      TEST_MS,
    );
  });
});
