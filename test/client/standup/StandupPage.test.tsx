import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentView, UptimeResponse } from '../../../shared/api';
import { incidentView, page } from '../fixtures';
import { renderApp } from '../render';
import { apiError, stubHistoryApi, type FakeRequest } from '../service/fake-api';
import { serviceUptime, slo } from './fixtures';

const MINUTE = 60_000;
/** How long to poll for what the page loads: its code comes in a lazy chunk, slow on a busy machine. */
const LOADED = { timeout: 5_000 };
const LINK = '/standup?period=yesterday-0900&from=2026-11-30T09:00&to=2026-12-01T09:00&tz=Europe/Berlin';

function uptimeAnswer(request: FakeRequest): UptimeResponse {
  const from = request.url.searchParams.get('from')!;
  const to = request.url.searchParams.get('to')!;
  return {
    window: { from, to, timeZone: 'Europe/Berlin', label: '', dataFrom: null },
    overall: { uptime: 0.99, monitoredMs: 0, downMs: 0 },
    services: [
      serviceUptime('search', 0, { name: 'Search', team: { id: 'discovery', name: 'Discovery' } }),
      serviceUptime('ledger', 3, { name: 'Ledger', slo: slo(-12 * MINUTE) }),
      serviceUptime('checkout', 12 * MINUTE, { name: 'Checkout API', slo: slo(30 * MINUTE) }),
      serviceUptime('new', 0, { name: 'New thing', uptime: null, monitoredMs: 0, upMs: 0 }),
    ],
  };
}

const incidents: IncidentView[] = [
  // Newest first, as the API lists them.
  incidentView('search', {
    id: 'inc-2',
    serviceName: 'Search',
    team: { id: 'discovery', name: 'Discovery' },
    openedAt: '2026-12-01T07:00:00.000Z',
    pages: [],
  }),
  incidentView('checkout', {
    id: 'inc-1',
    serviceName: 'Checkout API',
    status: 'resolved',
    openedAt: '2026-11-30T10:00:00.000Z',
    resolvedAt: '2026-11-30T10:12:00.000Z',
    acknowledged: { by: 'Bob', personId: 'bob', at: '2026-11-30T10:03:00.000Z', via: 'link' },
    pages: [page({ createdAt: '2026-11-30T10:00:05.000Z', sentAt: '2026-11-30T10:00:06.000Z' })],
  }),
];

function serve(overrides: Record<string, unknown> = {}) {
  return stubHistoryApi(() => 'pending', {
    '/api/uptime': uptimeAnswer,
    '/api/incidents': (request: FakeRequest) => ({
      incidents,
      from: request.url.searchParams.get('from'),
      to: request.url.searchParams.get('to'),
      truncated: false,
    }),
    ...overrides,
  });
}

async function openStandup(address = LINK) {
  window.history.replaceState(null, '', address);
  const rendered = renderApp({ path: '/standup' });
  await waitFor(() => expect(document.querySelector('[data-standup="ready"], [data-standup="error"]')).not.toBeNull(), LOADED);
  return rendered;
}

// jsdom's Blob has no text().
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

const serviceRows = () => [...document.querySelectorAll('[data-standup-service]')].map((row) => row.getAttribute('data-standup-service'));
const incidentRows = () => [...document.querySelectorAll('[data-standup-incident]')].map((row) => row.getAttribute('data-standup-incident'));
const row = (id: string) => document.querySelector<HTMLElement>(`[data-standup-service="${id}"]`)!;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-01T13:13:50Z'), toFake: ['Date'] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the stand-up page', () => {
  it('asks for the period in the link, and lists services worst first, with no data last', async () => {
    const { requests } = serve();
    await openStandup();
    const uptime = requests.find((r) => r.url.pathname === '/api/uptime')!;
    expect(Object.fromEntries(uptime.url.searchParams)).toEqual({ from: '2026-11-30T08:00:00.000Z', to: '2026-12-01T08:00:00.000Z', tz: 'Europe/Berlin' });
    // The incidents of their own: a storm's joined ones must not crowd the causes out of the capped list.
    const listed = requests.find((r) => r.url.pathname === '/api/incidents')!;
    expect(Object.fromEntries(listed.url.searchParams)).toEqual({ from: '2026-11-30T08:00:00.000Z', to: '2026-12-01T08:00:00.000Z', own: 'true' });
    expect(serviceRows()).toEqual(['checkout', 'ledger', 'search', 'new']);
    // The link's own zone, named when it is not the viewer's.
    const viewerInBerlin = Intl.DateTimeFormat().resolvedOptions().timeZone === 'Europe/Berlin';
    expect(screen.getByText(`Mon 30 Nov, 09:00 – Tue 1 Dec, 09:00${viewerInBerlin ? '' : ' (Europe/Berlin)'}`)).toBeTruthy();
    expect(document.title).toBe('Stand-up · Greenboard');
  });

  it('shows each service’s figures in words; a moment down is not 100 %, a spent budget says so', async () => {
    serve();
    await openStandup();
    const cells = (id: string) => [...row(id).querySelectorAll('th, td')].map((cell) => cell.textContent);
    expect(cells('checkout')).toEqual(['Checkout API', 'Payments', '99.16 %', '12 min', '1', '12 min', '12 min', '30 min left (69 %) of 99.9 % over 30d']);
    expect(cells('ledger').slice(2, 4)).toEqual(['99.99 %', '< 1 s']);
    expect(within(row('ledger')).getByText(/^Breached:/).tagName).toBe('STRONG');
    expect(cells('search').slice(2, 4)).toEqual(['100 %', 'none']);
    expect(cells('new')[2]).toBe('no data');
    expect(within(row('checkout')).getByRole('link', { name: 'Checkout API' }).getAttribute('href')).toBe('/services/checkout');
  });

  it('lists the incidents as they opened, with the first page and the acknowledgement in the period’s time', async () => {
    serve();
    await openStandup();
    expect(incidentRows()).toEqual(['inc-1', 'inc-2']);
    const first = document.querySelector<HTMLElement>('[data-standup-incident="inc-1"]')!;
    expect([...first.querySelectorAll('th, td')].map((cell) => cell.textContent)).toEqual([
      'Mon 30 Nov, 11:00',
      'Checkout APIcheckout/health: expected status 200, got 503',
      '12 min',
      'Alice Liddell at 11:00',
      'Bob at 11:03',
      '11:12',
    ]);
    const open = document.querySelector<HTMLElement>('[data-standup-incident="inc-2"]')!;
    expect(within(open).getByText('nobody')).toBeTruthy();
    expect(within(open).getByText('still open')).toBeTruthy();
  });

  it('says when the server left the oldest incidents out, and only then', async () => {
    serve();
    await openStandup();
    expect(document.querySelector('[data-truncated="incidents"]')).toBeNull();
    cleanup();
    serve({ '/api/incidents': () => ({ incidents, from: '2026-11-30T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', truncated: true }) });
    await openStandup();
    expect(document.querySelector('[data-truncated="incidents"]')?.textContent).toBe(
      'Only the newest 500 incidents of the period are listed; pick a shorter period to see them all.',
    );
  });

  it('the team filter narrows both tables and goes into the address', async () => {
    serve();
    await openStandup();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Team' }), 'Discovery');
    expect(serviceRows()).toEqual(['search']);
    expect(incidentRows()).toEqual(['inc-2']);
    expect(window.location.search).toBe('?period=yesterday-0900&from=2026-11-30T09:00&to=2026-12-01T09:00&tz=Europe/Berlin&team=discovery');
  });

  it('a period named without ends is resolved once, and its ends written into the address', async () => {
    serve();
    await openStandup('/standup?period=7d');
    expect(new URLSearchParams(window.location.search).get('from')).toMatch(/^2026-11-24T\d\d:13:50$/);
    expect(screen.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('picking a preset asks for that period and rewrites the address', async () => {
    const { requests } = serve();
    await openStandup();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Last 30 days' }));
    await waitFor(() => expect(document.querySelector('[data-standup="ready"]')).not.toBeNull());
    expect(window.location.search).toBe('?period=30d&from=2026-11-01T14:13:50&to=2026-12-01T14:13:50&tz=Europe/Berlin');
    expect(
      requests
        .filter((r) => r.url.pathname === '/api/uptime')
        .at(-1)!
        .url.searchParams.get('from'),
    ).toBe('2026-11-01T13:13:50.000Z');
  });

  it('a from–to of days is read in the period’s zone', async () => {
    serve();
    await openStandup();
    const user = userEvent.setup();
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('to');
    expect([(from as HTMLInputElement).value, (to as HTMLInputElement).value]).toEqual(['2026-11-30', '2026-12-01']);
    await user.clear(from);
    await user.type(from, '2026-11-02');
    await user.clear(to);
    await user.type(to, '2026-11-03');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(window.location.search).toBe('?period=custom&from=2026-11-02T00:00&to=2026-11-04T00:00&tz=Europe/Berlin');
  });

  it('each table downloads as a CSV file named for the period', async () => {
    serve();
    const made: Blob[] = [];
    // jsdom makes no object URLs: this one keeps the file's contents instead.
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL(blob: Blob) {
          made.push(blob);
          return 'blob:standup';
        }
        static override revokeObjectURL() {}
      },
    );
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await openStandup();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download services CSV' }));
    expect(names).toEqual(['greenboard-uptime-2026-11-30T0900-2026-12-01T0900.csv']);
    const text = await readBlob(made[0]!);
    expect(text.split('\r\n').slice(1, 2)[0]).toMatch(/^checkout,Checkout API,Payments,0\.99166666/);
    click.mockRestore();
  });

  it('a server that refuses the period is an error, in its own words', async () => {
    serve({ '/api/uptime': () => apiError(400, 'bad_request', 'to must not be more than a minute in the future') });
    await openStandup();
    expect(document.querySelector('[data-standup]')!.getAttribute('data-standup')).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe('Cannot load the period: to must not be more than a minute in the future');
  });

  it('is loading until both answers are in', async () => {
    serve({ '/api/incidents': () => new Promise(() => {}) });
    window.history.replaceState(null, '', LINK);
    renderApp({ path: '/standup' });
    await waitFor(() => expect(document.querySelector('[data-standup="loading"]')).not.toBeNull(), LOADED);
    expect(screen.queryByText('No incidents in this period.')).toBeNull();
  });
});
