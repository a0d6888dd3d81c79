import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { servicesQuery } from '../../../client/api/services';
import { check, person, service, teamOncall } from '../fixtures';
import { loadServicePage, renderApp } from '../render';
import { history, stubHistoryApi } from './fake-api';

beforeAll(loadServicePage);

// recharts needs a real layout; the chart's data is tested in chart-data.test.ts and drawn in the e2e test.
vi.mock('../../../client/service/ResponseTimeChart', () => ({ default: () => <div data-testid="chart" /> }));

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

beforeEach(() => {
  stubHistoryApi(() => history());
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.title = '';
  delete document.documentElement.dataset.connection;
});

/** Renders the app and waits for the service page's code to load. */
async function openPage(...args: Parameters<typeof renderApp>) {
  const rendered = renderApp(...args);
  await waitFor(() => expect(rendered.container.querySelector('[data-service-page]')).not.toBeNull());
  return rendered;
}

const checkout = (overrides: Parameters<typeof service>[2] = {}) =>
  service('checkout', 'down', { name: 'Checkout API', since: ago(12 * MINUTE + 5_000), ...overrides });

describe('the header', () => {
  it('names the service, says its status in a word and a shape, for how long, and its team', async () => {
    await openPage({ services: [checkout()], path: '/services/checkout' });
    const banner = screen.getByRole('heading', { level: 1, name: 'Checkout API' }).parentElement!;
    expect(within(banner).getByText('Down')).toBeTruthy();
    expect(banner.querySelector('svg[data-shape="square"]')).not.toBeNull();
    expect(within(banner).getByText('for 12m')).toBeTruthy();
    expect(screen.getByText('Payments')).toBeTruthy();
  });

  it('says who is on call when someone is, and nothing about it when no one is', async () => {
    const oncall = { person: { id: 'alice', name: 'Alice Liddell', contact: {} }, since: null, until: null };
    const { unmount } = await openPage({ services: [checkout({ oncall })], path: '/services/checkout' });
    expect(screen.getByText('On call')).toBeTruthy();
    expect(screen.getByText('Alice Liddell')).toBeTruthy();
    unmount();
    await openPage({ services: [checkout()], path: '/services/checkout' });
    expect(screen.queryByText('On call')).toBeNull();
  });

  it("shows who is on call now and next for the service's team, with links to reach them", async () => {
    const alice = person('alice', 'Alice Liddell', { email: 'alice@example.com', phone: '+44 1234 567890', slack: '@alice' });
    const bob = person('bob', 'Bob Tables', { slack: 'https://acme.slack.com/team/U0B0B', email: 'bob@example.com?cc=eve@example.com' });
    const next = { person: bob, from: new Date(Date.now() + 3 * 3_600_000).toISOString(), until: null };
    const oncall = [teamOncall('search', 'Search', person('zed', 'Zed')), teamOncall('payments', 'Payments', alice, null, { next })];
    await openPage({ services: [checkout()], oncall, path: '/services/checkout' });
    const fact = screen.getByText('On call').closest('.fact') as HTMLElement;
    expect(within(fact).getByText('Alice Liddell')).toBeTruthy();
    expect(within(fact).queryByText('Zed')).toBeNull(); // another team's
    expect(within(fact).getByRole('link', { name: 'alice@example.com' }).getAttribute('href')).toBe('mailto:alice@example.com');
    expect(within(fact).getByRole('link', { name: '+44 1234 567890' }).getAttribute('href')).toBe('tel:+441234567890');
    expect(within(fact).getByText('@alice').closest('a')).toBeNull();
    const nextLine = within(fact).getByText('Next:').parentElement!;
    expect(within(nextLine).getByText('Bob Tables')).toBeTruthy();
    expect(within(nextLine).getByRole('link', { name: 'https://acme.slack.com/team/U0B0B' }).getAttribute('href')).toBe('https://acme.slack.com/team/U0B0B');
    // An address that would add a recipient is shown, never linked.
    expect(within(nextLine).getByText('bob@example.com?cc=eve@example.com').closest('a')).toBeNull();
  });

  it("says nobody is on call in the problem style, and why the team's schedule may be old", async () => {
    const source = { provider: 'ics', asOf: null, problem: 'feed unreachable' };
    await openPage({ services: [checkout()], oncall: [teamOncall('payments', 'Payments', null, null, { source })], path: '/services/checkout' });
    const fact = screen.getByText('On call').closest('.fact') as HTMLElement;
    expect(within(fact).getByText('Nobody on call').classList.contains('service-oncall-nobody')).toBe(true);
    expect(within(fact).getByText('Schedule never read: feed unreachable')).toBeTruthy();
  });

  it('puts the runbook first, then the other links; only http(s) links become anchors', async () => {
    const links = { repo: 'https://git.example.com/checkout', runbook: 'https://wiki.example.com/runbooks/checkout', pager: 'javascript:alert(1)' };
    await openPage({ services: [checkout({ links })], path: '/services/checkout' });
    const nav = screen.getByRole('navigation', { name: 'Links' });
    const anchors = within(nav).getAllByRole('link');
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(['https://wiki.example.com/runbooks/checkout', 'https://git.example.com/checkout']);
    expect(anchors[0]!.textContent).toMatch(/^Runbook/);
    expect(within(nav).getByText('javascript:alert(1)').closest('a')).toBeNull();
  });

  it('links what it depends on and what impacts it to their own pages', async () => {
    const services = [
      checkout({ dependsOn: ['orders-db', 'cache'], impactedBy: ['orders-db'] }),
      service('orders-db', 'down', { name: 'Orders DB' }),
      service('cache'),
    ];
    await openPage({ services, path: '/services/checkout' });
    const impacted = screen.getByText('Impacted by').parentElement!;
    expect(within(impacted).getByRole('link', { name: 'Orders DB' }).getAttribute('href')).toBe('/services/orders-db');
    const depends = screen.getByText('Depends on').parentElement!;
    expect(
      within(depends)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/services/orders-db', '/services/cache']);
  });

  it('links the services that depend on it, so one knows who feels it when it is down', async () => {
    const services = [
      service('storefront', 'up', { name: 'Storefront', dependsOn: ['checkout'] }),
      checkout({ dependsOn: ['cache'] }),
      service('cache'),
      service('mobile-api', 'degraded', { name: 'Mobile API', dependsOn: ['cache', 'checkout'] }),
    ];
    await openPage({ services, path: '/services/checkout' });
    const dependents = screen.getByText('Depended on by').parentElement!;
    expect(
      within(dependents)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Storefront', '/services/storefront'],
      ['Mobile API', '/services/mobile-api'],
    ]);
    expect(within(dependents).getByText('Degraded')).toBeTruthy();
  });

  it('shows no relations for a service nothing depends on and that depends on nothing', async () => {
    await openPage({ services: [checkout(), service('cache', 'up', { dependsOn: ['orders-db'] })], path: '/services/checkout' });
    expect(screen.queryByText('Depended on by')).toBeNull();
    expect(screen.queryByText('Depends on')).toBeNull();
  });

  it('links back to the board', async () => {
    await openPage({ services: [checkout()], path: '/services/checkout' });
    expect(screen.getByRole('link', { name: /Back to the board/ }).getAttribute('href')).toBe('/');
  });

  it('titles the tab with the service and its status', async () => {
    await openPage({ services: [checkout()], path: '/services/checkout' });
    await waitFor(() => expect(document.title).toBe('Checkout API — down · Greenboard'));
  });

  it('marks a service impacted by a down dependency, in its banner and its tab', async () => {
    const db = service('orders-db', 'down', { name: 'Orders DB' });
    const { container } = await openPage({ services: [checkout({ status: 'up', impactedBy: ['orders-db'] }), db], path: '/services/checkout' });
    expect(container.querySelector('.service-banner')!.hasAttribute('data-impacted')).toBe(true);
    await waitFor(() => expect(document.title).toBe('Checkout API — up, impacted · Greenboard'));
  });
});

describe('the checks', () => {
  it('lists problems first, each with its type, status, message, response time and staleness', async () => {
    const checks = [
      check({ id: 'port', type: 'tcp', status: 'up', message: 'connected' }),
      check({ id: 'health', status: 'down', message: 'expected status 200, got 503', latencyMs: 120 }),
      check({ id: 'dns', type: 'dns', status: 'unknown', stale: true, message: 'no fresh result since 09:00' }),
      check({ id: 'tls', type: 'tls', status: 'degraded', message: 'certificate expires in 3 days' }),
    ];
    const { container } = await openPage({ services: [checkout({ checks })], path: '/services/checkout' });
    const rows = [...container.querySelectorAll<HTMLElement>('[data-check]')];
    expect(rows.map((r) => r.dataset.check)).toEqual(['health', 'tls', 'dns', 'port']);
    const health = within(rows[0]!);
    expect(health.getByText('http')).toBeTruthy();
    expect(health.getByText('Down')).toBeTruthy();
    expect(health.getByText('expected status 200, got 503')).toBeTruthy();
    expect(health.getByText('120 ms')).toBeTruthy();
    expect(within(rows[2]!).getByText('stale')).toBeTruthy();
    expect(within(rows[3]!).queryByText('stale')).toBeNull();
  });
});

describe('the last run of each check', () => {
  it("a healthy check shows when it last ran from the history, and that run's details on request", async () => {
    const tls = check({ id: 'cert', type: 'tls', status: 'up', message: 'certificate valid for 80 days', lastCheckedAt: ago(50 * MINUTE), latencyMs: 9 });
    const newest = {
      checkId: 'cert',
      at: ago(2 * MINUTE),
      outcome: 'ok' as const,
      message: 'certificate valid for 80 days',
      latencyMs: 31,
      details: { issuer: 'CN=Example CA', subject: 'CN=shop.example' },
    };
    stubHistoryApi(() => history({ latest: [newest] }));
    const { container } = await openPage({ services: [checkout({ status: 'up', checks: [tls] })], path: '/services/checkout' });
    const row = within(container.querySelector<HTMLElement>('[data-check="cert"]')!);
    expect(await row.findByText('31 ms')).toBeTruthy(); // the newer run, not the live view's 50-minute-old one
    expect(row.getByText('2m ago')).toBeTruthy();
    const disclosure = row.getByText('Details of the last run').closest('details')!;
    expect(disclosure.open).toBe(false);
    expect(within(disclosure).getByText('CN=Example CA')).toBeTruthy();
    expect(within(disclosure).getByText('CN=shop.example')).toBeTruthy();
  });

  it('leaves the details of a run that was not ok to the latest failures, not the check row', async () => {
    const failed = {
      checkId: 'health',
      at: ago(MINUTE),
      outcome: 'failed' as const,
      message: 'expected status 200, got 503',
      latencyMs: 4,
      details: { statusCode: 503 },
    };
    stubHistoryApi(() => history({ results: [failed], latest: [failed] }));
    const { container } = await openPage({ services: [checkout({ checks: [check({ id: 'health', status: 'down' })] })], path: '/services/checkout' });
    const row = within(container.querySelector<HTMLElement>('[data-check="health"]')!);
    expect(await row.findByText('4 ms')).toBeTruthy();
    expect(row.queryByText('Details of the last run')).toBeNull();
    expect(screen.getAllByText('503')).toHaveLength(1);
  });

  it('says nothing more when the last run reported no details', async () => {
    stubHistoryApi(() => history({ latest: [{ checkId: 'health', at: ago(MINUTE), outcome: 'ok', message: 'HTTP 200', latencyMs: 4, details: null }] }));
    const { container } = await openPage({
      services: [checkout({ status: 'up', checks: [check({ id: 'health', status: 'up' })] })],
      path: '/services/checkout',
    });
    const row = within(container.querySelector<HTMLElement>('[data-check="health"]')!);
    expect(await row.findByText('4 ms')).toBeTruthy();
    expect(row.queryByText('Details of the last run')).toBeNull();
  });
});

describe('an entry fed by a monitoring source', () => {
  it("says it is a source, shows the source's health, and the alerts behind a failure with their labels", async () => {
    const am = check({ id: 'am', type: 'alertmanager', origin: 'source', status: 'down', message: 'ServiceDown: checkout is down', latencyMs: null });
    const alert = {
      fingerprint: 'f1',
      alertname: 'ServiceDown',
      summary: 'checkout is down',
      labels: { alertname: 'ServiceDown', service: 'checkout', severity: 'critical' },
      state: 'firing',
      status: 'down',
      startsAt: '2026-11-22T01:34:00.000Z',
      lastSeenAt: ago(MINUTE),
      source: 'Alertmanager http://am.internal:9093',
      generatorURL: 'javascript:alert(1)',
    };
    const failed = { checkId: 'am', at: ago(MINUTE), outcome: 'failed' as const, message: am.message, latencyMs: null, details: { alerts: [alert] } };
    const health = { lastReceivedAt: ago(3 * MINUTE), received: 12, errors: 1, lastError: 'wrong or missing bearer token', lastErrorAt: ago(10 * MINUTE) };
    stubHistoryApi(() => history({ results: [failed], latest: [failed] }), {
      '/api/sources': { sources: [{ id: 'am', type: 'alertmanager', services: ['checkout'], health }] },
    });
    const { container } = await openPage({ services: [checkout({ checks: [am] })], path: '/services/checkout' });
    const row = within(container.querySelector<HTMLElement>('[data-check="am"]')!);
    expect(row.getByText('source')).toBeTruthy();
    expect(await row.findByText('3m ago')).toBeTruthy();
    expect(row.getByText('Taken').nextElementSibling?.textContent).toBe('12');
    expect(row.getByText('Refused').nextElementSibling?.textContent).toBe('1 — last: wrong or missing bearer token, 10m ago');
    expect(row.queryByText('Response')).toBeNull();
    // The failure lists the alert: its name, its labels, where it came from, and no unsafe link.
    const alertItem = await waitFor(() => container.querySelector<HTMLElement>('[data-alert="f1"]')!);
    expect(within(alertItem).getByText('ServiceDown')).toBeTruthy();
    expect(within(alertItem).getByText('service=checkout')).toBeTruthy();
    expect(alertItem.textContent).toContain('from Alertmanager http://am.internal:9093, firing since 2026-11-22 01:34 UTC');
    expect(alertItem.querySelector('a')).toBeNull();
    // A source has no response time: no chart of one.
    expect(screen.queryByRole('heading', { name: 'Response time' })).toBeNull();
  });
});

describe('loading, error and not found', () => {
  it('before the first snapshot says it is connecting, and shows nothing that could look like good news', async () => {
    renderApp({ services: [checkout()], fromRest: true, connection: { state: 'connecting' }, path: '/services/checkout' });
    expect(await screen.findByText('Connecting…')).toBeTruthy();
    expect(screen.queryByText('Checkout API')).toBeNull();
  });

  it('an unknown id says there is no such service and links back to the board', async () => {
    renderApp({ services: [checkout()], path: '/services/nope' });
    expect(await screen.findByRole('heading', { name: 'No service with id “nope”' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the board' }).getAttribute('href')).toBe('/');
    await waitFor(() => expect(document.title).toBe('No such service · Greenboard'));
  });

  it('when the server cannot be reached and nothing is cached, says so', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    renderApp({ connection: { state: 'stale', lastUpdateAt: null }, path: '/services/checkout' });
    expect(await screen.findByText('Cannot reach the server')).toBeTruthy();
    expect(screen.getByText('Failed to fetch')).toBeTruthy();
  });
});

describe('live', () => {
  it('follows the service as the socket writes it into the cache', async () => {
    const { queryClient } = await openPage({ services: [checkout()], path: '/services/checkout' });
    act(() => {
      queryClient.setQueryData(
        servicesQuery().queryKey,
        (d) => d && { ...d, services: [checkout({ status: 'up', checks: [check({ status: 'up', message: 'HTTP 200' })] })] },
      );
    });
    const banner = screen.getByRole('heading', { level: 1 }).parentElement!;
    await waitFor(() => expect(within(banner).getByText('Up')).toBeTruthy());
    expect(screen.getByText('HTTP 200')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Checkout API — up · Greenboard'));
  });

  it('when the connection is lost, greys the page and says since when, keeping the last known state', async () => {
    const lastUpdateAt = new Date(2026, 0, 5, 14, 2, 11).getTime();
    const { container, connection } = await openPage({ services: [checkout()], path: '/services/checkout', connection: { lastUpdateAt } });
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => connection.markStale());
    expect(screen.getByRole('alert').textContent).toContain('Connection lost — last update 14:02:11');
    expect(container.querySelector('main')?.hasAttribute('data-stale')).toBe(true);
    expect(document.documentElement.dataset.connection).toBe('stale');
    expect(screen.getByRole('heading', { level: 1, name: 'Checkout API' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('(stale) Checkout API — down · Greenboard'));
    act(() => connection.markLive());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(container.querySelector('main')?.hasAttribute('data-stale')).toBe(false);
  });
});
