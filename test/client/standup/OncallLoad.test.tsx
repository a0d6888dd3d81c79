import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OncallLoadPersonView, OncallLoadResponse, TransitionsResponse, UptimeResponse } from '../../../shared/api';
import { incidentView } from '../fixtures';
import { renderApp } from '../render';
import { stubHistoryApi, type FakeRequest } from '../service/fake-api';
import { serviceUptime } from './fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LOADED = { timeout: 5_000 };
const LINK = '/standup?period=yesterday-0900&from=2026-11-30T09:00&to=2026-12-01T09:00&tz=Europe/Berlin';
const payments = { id: 'payments', name: 'Payments' };
const discovery = { id: 'discovery', name: 'Discovery' };
const office = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', timeZone: 'Europe/London' };

const none = { onCallMs: 0, onCallOutOfHoursMs: 0, pages: 0, pagesOutOfHours: 0, acknowledged: 0, ackMedianMs: null, ackLongestMs: null };

const people: OncallLoadPersonView[] = [
  {
    person: { id: 'bob', name: 'Bob Marley', contact: {} },
    workingHours: office,
    onCallMs: 12 * HOUR,
    onCallOutOfHoursMs: 11 * HOUR,
    pages: 3,
    pagesOutOfHours: 2,
    acknowledged: 2,
    ackMedianMs: 4 * MINUTE,
    ackLongestMs: 20 * MINUTE,
    teams: [
      { team: discovery, layers: [], ...none, pages: 1, pagesOutOfHours: 1 },
      {
        team: payments,
        layers: ['primary'],
        onCallMs: 12 * HOUR,
        onCallOutOfHoursMs: 11 * HOUR,
        pages: 2,
        pagesOutOfHours: 1,
        acknowledged: 2,
        ackMedianMs: 4 * MINUTE,
        ackLongestMs: 20 * MINUTE,
      },
    ],
  },
  {
    // A name typed into a calendar, which a spreadsheet would run as a formula.
    person: { id: null, name: '=HYPERLINK("https://evil.example")', contact: {} },
    workingHours: { ...office, days: ['sat', 'sun'] },
    ...none,
    onCallMs: 2 * HOUR,
    onCallOutOfHoursMs: 0,
    teams: [{ team: discovery, layers: ['primary'], ...none, onCallMs: 2 * HOUR }],
  },
];

const load: OncallLoadResponse = {
  window: { from: '2026-11-30T08:00:00.000Z', to: '2026-12-01T08:00:00.000Z', timeZone: 'Europe/Berlin', label: '' },
  people,
  schedules: [
    { team: payments, layer: 'primary', provider: 'rotation', problem: null },
    { team: discovery, layer: 'secondary', provider: 'pagerduty', problem: 'PagerDuty answered HTTP 400' },
  ],
  incidents: [
    { id: 'inc-night', outOfHours: true },
    { id: 'inc-day', outOfHours: false },
  ],
  truncated: false,
};

function changesAnswer(request: FakeRequest): TransitionsResponse {
  const all = [
    {
      serviceId: 'checkout',
      serviceName: 'Checkout API',
      team: payments,
      from: 'up',
      to: 'down',
      at: '2026-11-30T22:00:00.000Z',
      until: '2026-11-30T22:12:00.000Z',
    },
    { serviceId: 'checkout', serviceName: 'Checkout API', team: payments, from: 'down', to: 'up', at: '2026-11-30T22:12:00.000Z', until: null },
    { serviceId: 'search', serviceName: 'Search', team: discovery, from: null, to: 'degraded', at: '2026-12-01T06:00:00.000Z', until: null },
  ] satisfies TransitionsResponse['transitions'];
  const team = request.url.searchParams.get('team');
  return { window: load.window, transitions: all.filter((t) => team === null || t.team.id === team), truncated: false };
}

function serve(overrides: Record<string, unknown> = {}) {
  return stubHistoryApi(() => 'pending', {
    '/api/uptime': (): UptimeResponse => ({
      window: { ...load.window, dataFrom: null },
      overall: { uptime: 1, monitoredMs: 0, downMs: 0 },
      services: [serviceUptime('checkout', 12 * MINUTE, { name: 'Checkout API' }), serviceUptime('search', 0, { name: 'Search', team: discovery })],
    }),
    '/api/incidents': {
      incidents: [
        incidentView('checkout', { id: 'inc-night', serviceName: 'Checkout API', openedAt: '2026-11-30T22:00:00.000Z', pages: [] }),
        incidentView('checkout', { id: 'inc-day', serviceName: 'Checkout API', openedAt: '2026-11-30T10:00:00.000Z', pages: [] }),
      ],
      from: load.window.from,
      to: load.window.to,
    },
    '/api/oncall/load': () => load,
    '/api/transitions': changesAnswer,
    ...overrides,
  });
}

async function openStandup() {
  window.history.replaceState(null, '', LINK);
  renderApp({ path: '/standup' });
  await waitFor(() => expect(document.querySelector('[data-standup-oncall="ready"]')).not.toBeNull(), LOADED);
  await waitFor(() => expect(document.querySelector('[data-standup-changes="ready"]')).not.toBeNull(), LOADED);
}

const personRows = () => [...document.querySelectorAll('[data-standup-person]')].map((row) => row.getAttribute('data-standup-person'));
const personRow = (key: string) => [...document.querySelectorAll('[data-standup-person]')].find((row) => row.getAttribute('data-standup-person') === key)!;
const cells = (key: string) => [...personRow(key).querySelectorAll('th, td')].map((c) => c.textContent);

// jsdom's Blob has no text().
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-01T13:13:50Z'), toFake: ['Date'] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the stand-up’s on-call load', () => {
  it('asks for the period, and shows each person’s time on call, pages and time to acknowledge in words, most paged first', async () => {
    const { requests } = serve();
    await openStandup();
    const asked = requests.find((r) => r.url.pathname === '/api/oncall/load')!;
    expect(Object.fromEntries(asked.url.searchParams)).toEqual({ from: '2026-11-30T08:00:00.000Z', to: '2026-12-01T08:00:00.000Z', tz: 'Europe/Berlin' });
    expect(personRows()).toEqual(['bob', 'name:=HYPERLINK("https://evil.example")']);
    expect(cells('bob')).toEqual(['Bob Marley', 'Discovery, Payments', '12 h', '11 h', '3', '2', '4 min1 not acknowledged by them', '20 min']);
    expect(cells('name:=HYPERLINK("https://evil.example")').slice(2)).toEqual(['2 h', 'none', '0', '0', '—', '—']);
    // Out of hours is out of the person's own hours, and the cell says which.
    expect(personRow('bob').querySelector('[data-cell="on-call-out-of-hours"]')!.getAttribute('title')).toBe('outside Mon–Fri 09:00–17:00 Europe/London');
  });

  it('says which schedule could not be read for the period', async () => {
    serve();
    await openStandup();
    expect(document.querySelector('[data-schedule-problem="discovery"]')!.textContent).toBe(
      'Discovery’s secondary schedule (pagerduty) could not be read for this period, so its time on call is missing: PagerDuty answered HTTP 400',
    );
  });

  it('the team filter shows each person’s figures for that team alone, and the team’s state changes', async () => {
    const { requests } = serve();
    await openStandup();
    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Team' }), 'Payments');
    await waitFor(() => expect(document.querySelectorAll('[data-standup-transition]')).toHaveLength(2));
    expect(personRows()).toEqual(['bob']);
    expect(cells('bob').slice(1, 6)).toEqual(['Payments', '12 h', '11 h', '2', '1']);
    expect(
      requests
        .filter((r) => r.url.pathname === '/api/transitions')
        .at(-1)!
        .url.searchParams.get('team'),
    ).toBe('payments');
    // The schedule that failed is Discovery's, not this team's.
    expect(document.querySelector('[data-schedule-problem]')).toBeNull();
  });

  it('marks the incidents that opened out of hours', async () => {
    serve();
    await openStandup();
    await waitFor(() => expect(document.querySelector('[data-standup-incident="inc-night"][data-out-of-hours]')).not.toBeNull());
    expect(within(document.querySelector<HTMLElement>('[data-standup-incident="inc-night"]')!).getByText('out of hours')).toBeTruthy();
    expect(document.querySelector('[data-standup-incident="inc-day"]')!.hasAttribute('data-out-of-hours')).toBe(false);
  });

  it('lists the state changes in order, from → to, with how long each lasted', async () => {
    serve();
    await openStandup();
    const rows = [...document.querySelectorAll('[data-standup-transition]')].map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Mon 30 Nov, 23:00', 'Checkout API', 'Up →  to Down', '12 min'],
      ['Mon 30 Nov, 23:12', 'Checkout API', 'Down →  to Up', '9 h 48 minstill so at the period’s end'],
      ['Tue 1 Dec, 07:00', 'Search', 'first seen →  to Degraded', '2 hstill so at the period’s end'],
    ]);
  });

  it('a failed answer is said in the section, and the rest of the page stands', async () => {
    serve({ '/api/oncall/load': () => new Response(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }), { status: 500 }) });
    window.history.replaceState(null, '', LINK);
    renderApp({ path: '/standup' });
    await waitFor(() => expect(document.querySelector('[data-standup-oncall="error"]')).not.toBeNull(), LOADED);
    expect(screen.getByText('Cannot load the on-call load: internal error')).toBeTruthy();
    await waitFor(() => expect(document.querySelector('[data-standup="ready"]')).not.toBeNull());
  });

  it('downloads the on-call table as CSV, in seconds, formula-like names as text', async () => {
    serve();
    const made: Blob[] = [];
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
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download on-call CSV' }));
    expect(names).toEqual(['greenboard-oncall-2026-11-30T0900-2026-12-01T0900.csv']);
    expect((await readBlob(made[0]!)).split('\r\n')).toEqual([
      'person_id,person,teams,on_call_s,on_call_out_of_hours_s,pages,pages_out_of_hours,acknowledged,ack_median_s,ack_longest_s,working_hours',
      'bob,Bob Marley,Discovery; Payments,43200,39600,3,2,2,240,1200,Mon–Fri 09:00–17:00 Europe/London',
      `,"'=HYPERLINK(""https://evil.example"")",Discovery,7200,0,0,0,0,,,"Sat, Sun 09:00–17:00 Europe/London"`,
      '',
    ]);
    click.mockRestore();
  });
});
