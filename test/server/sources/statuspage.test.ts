import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryResponse, ServiceResponse, ServicesResponse, SourcesResponse } from '../../../shared/api';
import { connectClient, startBoard, type RunningBoard } from '../../helpers/board';
import { configFromYaml } from '../../helpers/config';
import { capturingLogger, ERROR, type LogLine } from '../../helpers/log-lines';
import { byTimeout } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';
import { fixture, type Json } from './fixtures';

/** A vendor's status page on loopback: answers what the test sets, and counts what it was asked. */
class FakeStatusPage {
  answer: { status: number; body: string } | 'hang' = { status: 200, body: '' };
  requests = 0;
  inFlight = 0;
  mostAtOnce = 0;
  userAgents: string[] = [];
  /** Requests whose connection went away before an answer (aborted by the poller). */
  abandoned = 0;
  private server: Server | null = null;

  serve(body: Json): void {
    this.answer = { status: 200, body: JSON.stringify(body) };
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests += 1;
    this.inFlight += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.inFlight);
    this.userAgents.push(req.headers['user-agent'] ?? '');
    let done = false;
    res.on('close', () => {
      this.inFlight -= 1;
      if (!done) this.abandoned += 1;
    });
    if (this.answer === 'hang') return;
    done = true;
    res.writeHead(this.answer.status, { 'content-type': 'application/json' }).end(this.answer.body);
  }
}

const INTERVAL_MS = 150;

/** A board polling the fake page; the interval shortened below the 30 s floor users get, so the test need not wait. */
async function boardFor(url: string, options: { dbFile?: string; timeout?: string; log?: ReturnType<typeof capturingLogger>['log'] } = {}) {
  const config = configFromYaml(`
services:
  - { id: github-actions, name: GitHub Actions }
  - { id: github-codespaces, name: GitHub Codespaces }
  - id: deploys
    name: Deploys
    dependsOn: [github-actions]
    checks: []
sources:
  - id: github
    type: statuspage
    url: ${url}/api/v2/summary.json
    provider: GitHub
    timeout: ${options.timeout ?? '2s'}
    components:
      - { component: Actions, service: github-actions }
      - { component: Codespaces, service: github-codespaces }
`);
  (config.sources[0] as { interval: number }).interval = INTERVAL_MS;
  return startBoard('', { config, ...(options.dbFile ? { dbFile: options.dbFile } : {}), ...(options.log ? { log: options.log } : {}) });
}

describe('the statuspage source, polling a page on loopback', () => {
  let page: FakeStatusPage;
  let pageUrl: string;
  let board: RunningBoard | null;
  let lines: LogLine[];

  const service = async (id: string) => ((await (await fetch(`${board!.url}/api/services/${id}`)).json()) as ServiceResponse).service;
  const entry = async (id: string) => (await service(id)).checks.find((c) => c.id === 'github')!;
  const health = async () => ((await (await fetch(`${board!.url}/api/sources`)).json()) as SourcesResponse).sources[0]!.health;

  beforeEach(async () => {
    page = new FakeStatusPage();
    pageUrl = await page.listen();
    page.serve(fixture('statuspage/summary-operational.json'));
    const captured = capturingLogger();
    lines = captured.lines;
    board = await boardFor(pageUrl, { log: captured.log });
  });
  afterEach(async () => {
    await board?.close();
    await page.close();
  });

  it('shows each chosen component as an upstream service, in the vendor’s words, and notes the poll as received', async () => {
    await waitFor(async () => (await entry('github-actions')).message === 'Operational', 'Actions to read Operational');
    const actions = await service('github-actions');
    expect(actions.status).toBe('up');
    expect(actions.upstream).toEqual({ provider: 'GitHub', url: pageUrl });
    expect(await service('deploys')).toMatchObject({ upstream: null });
    const list = (await (await fetch(`${board!.url}/api/services`)).json()) as ServicesResponse;
    expect(list.services.find((s) => s.id === 'github-codespaces')?.upstream).toEqual({ provider: 'GitHub', url: pageUrl });
    expect((await health()).received).toBeGreaterThan(0);
    expect(page.userAgents[0]).toMatch(/^Greenboard/);
  });

  it('a component that turns degraded, or goes under maintenance, changes its service on every board; operational again, it is up', async () => {
    const client = await connectClient(board!.url);
    try {
      await waitFor(() => client.service('github-actions')?.status === 'up', 'Actions up on the board');
      page.serve(fixture('statuspage/summary-incident.json'));
      await waitFor(() => client.service('github-actions')?.status === 'degraded', 'Actions degraded on the board');
      expect(client.service('github-actions')?.checks[0]?.message).toBe('Degraded performance — Incident with Actions (https://stspg.io/a8c3kq1w)');
      await waitFor(() => client.service('github-codespaces')?.status === 'maintenance', 'Codespaces in maintenance on the board');
      expect(client.service('github-codespaces')?.upstream?.provider).toBe('GitHub');
      page.serve(fixture('statuspage/summary-operational.json'));
      await waitFor(() => client.service('github-actions')?.status === 'up', 'Actions up again');
      await waitFor(() => client.service('github-codespaces')?.status === 'up', 'Codespaces up again');
    } finally {
      client.close();
    }
  });

  it('a service that depends on an upstream component in an outage shows as impacted by it', async () => {
    const body = fixture('statuspage/summary-operational.json');
    body.components.find((c: Json) => c.name === 'Actions').status = 'major_outage';
    page.serve(body);
    await waitFor(async () => (await service('github-actions')).status === 'down', 'Actions down');
    await waitFor(async () => (await service('deploys')).impactedBy.includes('github-actions'), 'deploys impacted by Actions');
  });

  it('a component the page does not have is unknown, saying so', async () => {
    const body = fixture('statuspage/summary-operational.json');
    body.components = body.components.filter((c: Json) => c.name !== 'Actions');
    page.serve(body);
    await waitFor(async () => (await service('github-actions')).status === 'unknown', 'Actions unknown');
    expect((await entry('github-actions')).message).toBe('GitHub\'s status page has no component "Actions"');
    expect((await service('github-codespaces')).status).toBe('up');
  });

  it.each<[string, () => void, RegExp]>([
    ['answers 500', () => (page.answer = { status: 500, body: 'oops' }), /^127\.0\.0\.1 gives no usable status since \d\d:\d\d UTC: answered HTTP 500$/],
    [
      'answers something that is not JSON',
      () => (page.answer = { status: 200, body: '<html>' }),
      /gives no usable status since .*: answered something that is not JSON$/,
    ],
    [
      'answers JSON of another shape',
      () => (page.answer = { status: 200, body: JSON.stringify({ page: { id: 'x', name: 'X', url: 'u' }, components: [{ id: 1 }] }) }),
      /gives no usable status since .*: answered in a shape that is not a summary\.json: components\[0\]\.id/,
    ],
  ])('a page that %s turns every service of the source unknown with the reason, never green; it recovers', async (_name, spoil, reason) => {
    await waitFor(async () => (await service('github-actions')).status === 'up', 'Actions up');
    spoil();
    for (const id of ['github-actions', 'github-codespaces']) {
      await waitFor(async () => (await service(id)).status === 'unknown', `${id} unknown`);
      expect((await entry(id)).message).toMatch(reason);
    }
    const sick = await health();
    expect(sick.errors).toBeGreaterThan(0);
    expect(sick.lastError).toMatch(/answered/);
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
    page.serve(fixture('statuspage/summary-operational.json'));
    await waitFor(async () => (await service('github-actions')).status === 'up', 'Actions up again');
    expect((await entry('github-actions')).message).toBe('Operational');
  });

  it('a page that cannot be reached makes the services unknown as unreachable', async () => {
    await waitFor(async () => (await service('github-actions')).status === 'up', 'Actions up');
    await page.close();
    await waitFor(async () => (await service('github-actions')).status === 'unknown', 'Actions unknown');
    expect((await entry('github-actions')).message).toMatch(/^127\.0\.0\.1 unreachable since \d\d:\d\d UTC: connection refused$/);
  });

  it('the first failing poll is kept as the time it began, across a restart', async () => {
    page.answer = { status: 503, body: '' };
    await waitFor(async () => (await service('github-actions')).status === 'unknown', 'Actions unknown');
    const latest = async () =>
      ((await (await fetch(`${board!.url}/api/services/github-actions/history`)).json()) as HistoryResponse).latest.find((r) => r.checkId === 'github')!;
    const first = await latest();
    const before = first.details!.failingSince;
    expect(typeof before).toBe('number');
    const second = await waitFor(async () => {
      const now = await latest();
      return now.at > first.at && now;
    }, 'a second failed poll stored');
    expect(second.details!.failingSince).toBe(before);

    const dbFile = board!.dbFile;
    await board!.close();
    board = null;
    const restartedAt = new Date().toISOString();
    board = await boardFor(pageUrl, { dbFile });
    const resumed = await waitFor(async () => {
      const now = await latest();
      return now.at > restartedAt && now;
    }, 'a failed poll stored after the restart');
    expect(resumed.details!.failingSince).toBe(before);
  });
});

describe('the statuspage source, when the page hangs', () => {
  let page: FakeStatusPage;
  let pageUrl: string;
  let board: RunningBoard | null;

  beforeEach(async () => {
    page = new FakeStatusPage();
    page.answer = 'hang';
    pageUrl = await page.listen();
    board = await boardFor(pageUrl, { timeout: '1s' });
  });
  afterEach(async () => {
    await board?.close();
    await page.close();
  });

  it('cuts each poll at its timeout, reports unknown, and never has two polls out at once', async () => {
    const service = async (id: string) => ((await (await fetch(`${board!.url}/api/services/${id}`)).json()) as ServiceResponse).service;
    await waitFor(async () => (await service('github-actions')).status === 'unknown' && page.requests >= 2, 'two polls cut at the timeout', {
      timeoutMs: byTimeout(3_000),
    });
    const actions = await service('github-actions');
    expect(actions.checks.find((c) => c.id === 'github')?.message).toMatch(/unreachable since .*: no answer within 1s$/);
    expect(page.mostAtOnce).toBe(1);
  });

  it('stops cleanly: the poll under way is abandoned, not waited for', async () => {
    // A board whose polls would wait 30 s: a stop that waited for the poll would time the test out.
    await board!.close();
    await waitFor(() => page.inFlight === 0, 'the first board gone');
    page.requests = 0;
    page.abandoned = 0;
    board = await boardFor(pageUrl, { timeout: '30s' });
    await waitFor(() => page.inFlight === 1, 'a poll under way');
    await board.close();
    board = null;
    await waitFor(() => page.abandoned === 1, 'the poll to be abandoned');
    expect(page.requests).toBe(1);
  });
});
