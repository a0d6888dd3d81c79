import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentView } from '../../../shared/api';
import { connectLiveIncidents } from '../../../client/api/live-incidents';
import { servicesQuery } from '../../../client/api/services';
import { formatWhen } from '../../../client/service/format';
import { ACK_NAME_KEY } from '../../../client/service/remembered-name';
import { FakeSocket } from '../fake-socket';
import { incidentBrief, incidentView, page, service } from '../fixtures';
import { loadServicePage, renderApp } from '../render';
import { apiError, history, stubHistoryApi, type Route } from './fake-api';

beforeAll(loadServicePage);

// recharts needs a real layout; the chart's data is tested in chart-data.test.ts and drawn in the e2e test.
vi.mock('../../../client/service/ResponseTimeChart', () => ({ default: () => <div data-testid="chart" /> }));

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  document.title = '';
  delete document.documentElement.dataset.connection;
});

/** The fake server: its incidents by id, the list a service's page asks for, and the acknowledgement endpoint. */
function serve(incidents: IncidentView[], { ack, list }: { ack?: Route; list?: Route } = {}) {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const routes: Record<string, unknown> = {
    '/api/incidents': list ?? ((): unknown => ({ incidents, from: ago(30 * 24 * 60 * MINUTE), to: ago(0), truncated: false })),
  };
  for (const incident of incidents) {
    routes[`/api/incidents/${incident.id}`] = () => byId.get(incident.id);
    routes[`/api/incidents/${incident.id}/ack`] = ack ?? (() => apiError(500, 'internal', 'no acknowledgement expected'));
  }
  return { ...stubHistoryApi(() => history(), routes), byId };
}

/** How long to poll for what a page loads: its code comes in a lazy chunk, slow on a busy machine. */
const LOADED = { timeout: 5_000 };

/** Renders the app on a service page and waits for its code to load. */
async function openPage(...args: Parameters<typeof renderApp>) {
  const rendered = renderApp(...args);
  await waitFor(() => expect(rendered.container.querySelector('[data-service-page]')).not.toBeNull(), LOADED);
  return rendered;
}

const panel = () =>
  waitFor(() => {
    const found = document.querySelector<HTMLElement>('[data-incident-panel]');
    if (!found) throw new Error('no incident panel yet');
    return found;
  }, LOADED);
const fact = (within: HTMLElement, label: string) =>
  [...within.querySelectorAll('dt')].find((dt) => dt.textContent === label)?.nextElementSibling as HTMLElement;

/** Checkout, down, with an open incident paged to Alice by email, and a Slack page that keeps failing. */
function openIncident(overrides: Partial<IncidentView> = {}): IncidentView {
  return incidentView('checkout', {
    serviceName: 'Checkout API',
    openedAt: ago(12 * MINUTE),
    impacted: ['storefront'],
    nextEscalationAt: inFuture(4 * MINUTE + 30_000),
    pages: [
      page({ id: 'p1', createdAt: ago(11 * MINUTE), sentAt: ago(11 * MINUTE) }),
      page({
        id: 'p2',
        channel: 'chat',
        channelType: 'slack',
        address: 'Slack',
        status: 'retrying',
        attempts: 3,
        createdAt: ago(11 * MINUTE),
        sentAt: null,
        nextAttemptAt: inFuture(MINUTE + 30_000),
        lastError: 'Slack answered HTTP 503',
      }),
    ],
    timeline: [
      { at: ago(12 * MINUTE), kind: 'opened', message: 'Checkout API went down: health: expected status 200, got 503' },
      { at: ago(11 * MINUTE), kind: 'paged', message: 'Paged Alice Liddell by email (primary on-call)' },
      { at: ago(10 * MINUTE), kind: 'impacted', message: 'Storefront is down with it' },
    ],
    ...overrides,
  });
}

const services = (incident: ReturnType<typeof incidentBrief> | null) => [
  service('checkout', 'down', { name: 'Checkout API', incident }),
  service('storefront', 'down', { name: 'Storefront', dependsOn: ['checkout'], impactedBy: ['checkout'], incident: incident && { ...incident } }),
];

describe('the incident section of a service page', () => {
  let incident: IncidentView;
  beforeEach(() => {
    incident = openIncident();
    serve([incident]);
  });

  it('shows the open incident: status, when it opened, why, what it impacts and what comes next', async () => {
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    expect(section.getAttribute('data-incident-panel')).toBe('inc-checkout');
    expect(await within(section).findByText('Open')).toBeTruthy();
    expect(within(section).getByRole('heading', { name: 'Incident' })).toBeTruthy();
    expect(fact(section, 'Opened').textContent).toMatch(/ · 12m ago$/);
    expect(fact(section, 'Acknowledged').textContent).toBe('Not yet');
    expect(fact(section, 'Reason').textContent).toBe('checkout/health: expected status 200, got 503');
    expect(fact(section, 'Causes').textContent).toBe('health http: expected status 200, got 503');
    expect(within(fact(section, 'Impacted services')).getByRole('link', { name: 'Storefront' }).getAttribute('href')).toBe('/services/storefront');
    const next = formatWhen(Date.parse(incident.nextEscalationAt!), Date.now());
    expect(fact(section, 'Escalation').textContent).toBe(`Paged the primary on-call · next step at ${next} unless acknowledged (in 4m)`);
    expect(within(section).getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
  });

  it('lists each page: to whom, by which channel and address, whether it got through, and why not', async () => {
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    const sent = await waitFor(() => section.querySelector<HTMLElement>('[data-page="p1"]')!);
    expect(sent.getAttribute('data-page-status')).toBe('sent');
    expect(within(sent).getByText('Alice Liddell')).toBeTruthy();
    expect(within(sent).getByText('as the primary on-call')).toBeTruthy();
    expect(within(sent).getByText('email')).toBeTruthy();
    expect(within(sent).getByText('alice@example.com')).toBeTruthy();
    expect(within(sent).getByText('Sent')).toBeTruthy();
    expect(sent.textContent).toContain('sent ');
    const retrying = section.querySelector<HTMLElement>('[data-page="p2"]')!;
    expect(within(retrying).getByText('Retrying')).toBeTruthy();
    expect(within(retrying).getByText('Slack answered HTTP 503')).toBeTruthy();
    expect(within(retrying).getByText('3')).toBeTruthy();
    expect(retrying.textContent).toMatch(/next attempt .* · in 1m/);
  });

  it('tells the story in order', async () => {
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    const events = await waitFor(() => {
      const found = [...section.querySelectorAll<HTMLElement>('[data-incident-event]')];
      expect(found).toHaveLength(3);
      return found;
    });
    expect(events.map((e) => e.dataset.incidentEvent)).toEqual(['opened', 'paged', 'impacted']);
    expect(events[1]!.textContent).toMatch(/ · 11m agoPaged Alice Liddell by email \(primary on-call\)$/);
  });

  it("on a service impacted by another, shows the cause's incident and links to the cause", async () => {
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/storefront' });
    const section = await panel();
    expect(section.getAttribute('data-incident-panel')).toBe('inc-checkout');
    const note = await within(section).findByText(/^Caused by/);
    expect(within(note).getByRole('link', { name: 'Checkout API' }).getAttribute('href')).toBe('/services/checkout');
  });
});

describe('escalation with nobody to page', () => {
  it('a service no team owns: every step reached, nobody paged, and the panel says so rather than "Paged the whole team"', async () => {
    serve([
      openIncident({
        team: null,
        step: 'team',
        nextEscalationAt: null,
        pages: [],
        timeline: [
          { at: ago(12 * MINUTE), kind: 'opened', message: 'Checkout API went down: health: expected status 200, got 503' },
          { at: ago(12 * MINUTE), kind: 'nobody-to-page', message: 'nobody to page at the whole team' },
        ],
      }),
    ]);
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    await waitFor(() => expect(fact(section, 'Escalation').textContent).toBe('Nobody paged: nobody to page up to the whole team'));
    expect(within(section).getByText('No page was sent: there was nobody to page.')).toBeTruthy();
  });

  it('paged at the first step, nobody at the next: the page that went out is named, then the gap', async () => {
    serve([openIncident({ step: 'secondary' })]);
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    await waitFor(() =>
      expect(fact(section, 'Escalation').textContent).toMatch(/^Paged the primary on-call; nobody to page at the secondary on-call · next step at /),
    );
  });
});

describe('when no incident is open', () => {
  it('shows the latest incident of the last 30 days, resolved, with nothing to acknowledge', async () => {
    const resolved = openIncident({ status: 'resolved', resolvedAt: ago(2 * MINUTE), nextEscalationAt: null });
    const older = openIncident({ id: 'inc-old', status: 'resolved', resolvedAt: ago(3 * 24 * 60 * MINUTE) });
    const { requests } = serve([resolved, older]);
    await openPage({ services: services(null), path: '/services/checkout' });
    const section = await panel();
    expect(section.getAttribute('data-incident-panel')).toBe('inc-checkout');
    expect(within(section).getByRole('heading', { name: 'Latest incident' })).toBeTruthy();
    expect(within(section).getByText('Resolved', { selector: '.status-label span' })).toBeTruthy();
    expect(fact(section, 'Resolved').textContent).toMatch(/ · 2m ago$/);
    expect(fact(section, 'Escalation').textContent).toBe('Paged the primary on-call');
    expect(within(section).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    const asked = requests.filter((r) => r.url.pathname === '/api/incidents');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.url.searchParams.get('service')).toBe('checkout');
    const from = Date.parse(asked[0]!.url.searchParams.get('from')!);
    expect(Math.round((Date.now() - from) / (24 * 60 * MINUTE))).toBe(30);
    // The incident came with the list: not asked for again.
    expect(requests.filter((r) => r.url.pathname === '/api/incidents/inc-checkout')).toHaveLength(0);
  });

  it('shows no section for a service with no incident in the last 30 days', async () => {
    const { requests } = serve([]);
    await openPage({ services: services(null), path: '/services/checkout' });
    await waitFor(() => expect(requests.some((r) => r.url.pathname === '/api/incidents')).toBe(true));
    await act(async () => {}); // let the empty answer render
    expect(document.querySelector('[data-incident-panel]')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Checks' })).toBeTruthy();
  });
});

describe('acknowledging', () => {
  const acknowledgedBy = (by: string): IncidentView =>
    openIncident({ status: 'acknowledged', nextEscalationAt: null, acknowledged: { by, personId: null, at: ago(0), via: 'api' } });

  it('posts the name typed, shows the answer, and remembers the name for next time', async () => {
    const { requests } = serve([openIncident()], { ack: ({ body }) => acknowledgedBy((body as { by: string }).by) });
    const { unmount } = await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    await userEvent.type(await within(section).findByLabelText(/Your name/), 'Alice Liddell');
    await userEvent.click(within(section).getByRole('button', { name: 'Acknowledge' }));
    const done = await within(section).findByRole('status');
    expect(done.textContent).toMatch(/^Acknowledged by Alice Liddell at \d\d:\d\d:\d\d\.$/);
    const posted = requests.filter((r) => r.method === 'POST');
    expect(posted.map((r) => [r.url.pathname, r.body])).toEqual([['/api/incidents/inc-checkout/ack', { by: 'Alice Liddell' }]]);
    // The answer is what the panel now shows: acknowledged, by whom, and no button.
    expect(within(section).getByText('Acknowledged', { selector: '.status-label span' })).toBeTruthy();
    expect(fact(section, 'Acknowledged').textContent).toMatch(/^Alice Liddell, via the API .* · just now$/);
    expect(within(section).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(localStorage.getItem(ACK_NAME_KEY)).toBe('Alice Liddell');
    unmount();

    serve([openIncident()]);
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    expect(await within(await panel()).findByLabelText<HTMLInputElement>(/Your name/)).toHaveProperty('value', 'Alice Liddell');
  });

  it('posts no name when none is typed', async () => {
    const { requests } = serve([openIncident()], { ack: () => acknowledgedBy('Greenboard user') });
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    await userEvent.click(await within(section).findByRole('button', { name: 'Acknowledge' }));
    expect((await within(section).findByRole('status')).textContent).toMatch(/^Acknowledged by Greenboard user at /);
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{}]);
  });

  it('says in words why it was refused, and shows the incident as it now is', async () => {
    const { byId } = serve([openIncident()], {
      ack: () => {
        byId.set('inc-checkout', openIncident({ status: 'resolved', resolvedAt: ago(0), nextEscalationAt: null }));
        return apiError(409, 'conflict', 'incident inc-checkout is already resolved');
      },
    });
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    await userEvent.click(await within(section).findByRole('button', { name: 'Acknowledge' }));
    expect((await within(section).findByRole('alert')).textContent).toBe('Not acknowledged: incident inc-checkout is already resolved');
    await waitFor(() => expect(section.getAttribute('data-incident-status')).toBe('resolved'));
    expect(within(section).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('says so when the server cannot be reached', async () => {
    serve([openIncident()], {
      ack: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const section = await panel();
    await userEvent.click(await within(section).findByRole('button', { name: 'Acknowledge' }));
    expect((await within(section).findByRole('alert')).textContent).toBe('Not acknowledged: the server could not be reached (Failed to fetch)');
    expect(within(section).getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
  });
});

describe('live', () => {
  it('an incident:update from the socket changes the panel without a reload', async () => {
    serve([openIncident()]);
    const { queryClient } = await openPage({ services: services(incidentBrief('checkout')), path: '/services/checkout' });
    const socket = new FakeSocket();
    connectLiveIncidents({ socket, queryClient });
    const section = await panel();
    await within(section).findByText('Open');
    const escalated = openIncident({
      step: 'secondary',
      nextEscalationAt: null,
      pages: [
        ...openIncident().pages,
        page({ id: 'p3', step: 'secondary', recipient: { kind: 'person', id: 'bob', name: 'Bob Tables' }, address: 'bob@example.com' }),
      ],
    });
    act(() => socket.serverSends('incident:update', { epoch: 'e1', incident: escalated }));
    await waitFor(() => expect(fact(section, 'Escalation').textContent).toBe('Paged the secondary on-call'));
    expect(within(section.querySelector<HTMLElement>('[data-page="p3"]')!).getByText('Bob Tables')).toBeTruthy();
  });

  it('follows the service as a new incident opens', async () => {
    serve([openIncident()], { list: () => ({ incidents: [], from: ago(0), to: ago(0), truncated: false }) });
    const { queryClient } = await openPage({ services: services(null), path: '/services/checkout' });
    expect(document.querySelector('[data-incident-panel]')).toBeNull();
    act(() => {
      queryClient.setQueryData(servicesQuery().queryKey, (d) => d && { ...d, services: services(incidentBrief('checkout')) });
    });
    const section = await panel();
    expect(await within(section).findAllByText('Alice Liddell')).toHaveLength(2); // both of its pages
  });
});
