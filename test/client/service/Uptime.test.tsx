import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServiceUptimeResponse, SloView } from '../../../shared/api';
import { service } from '../fixtures';
import { loadServicePage, renderApp } from '../render';
import { apiError, history, stubHistoryApi, type FakeRequest } from './fake-api';
import { serviceUptime, slo, uptimeDay, uptimeDays } from './uptime-fixtures';

beforeAll(loadServicePage);

// recharts needs a real layout; the chart's data is tested in chart-data.test.ts and drawn in the e2e test.
vi.mock('../../../client/service/ResponseTimeChart', () => ({ default: () => <div data-testid="chart" /> }));

const MINUTE = 60_000;
/** How long to poll for what a page loads: its code comes in a lazy chunk, slow on a busy machine. */
const LOADED = { timeout: 5_000 };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.title = '';
  delete document.documentElement.dataset.connection;
});

/**
 * The fake server's uptime of checkout, by window; a window left out was watched throughout
 * with nothing down. Every window carries the objective, as the server's answers do.
 */
function serveUptime(byWindow: Partial<Record<string, ServiceUptimeResponse>>, objective: SloView | null = null) {
  const route = ({ url }: FakeRequest) => {
    const answer = byWindow[url.searchParams.get('window') ?? ''] ?? serviceUptime({}, url.searchParams.get('buckets') === 'day' ? uptimeDays(90) : undefined);
    return { ...answer, service: { ...answer.service, slo: objective } };
  };
  return stubHistoryApi(() => history(), { '/api/services/checkout/uptime': route });
}

async function openCheckout(services = [service('checkout', 'down', { name: 'Checkout API' })]) {
  const rendered = renderApp({ services, path: '/services/checkout' });
  const section = await waitFor(() => {
    const found = rendered.container.querySelector<HTMLElement>('[data-uptime-section]');
    if (!found) throw new Error('no uptime section yet');
    return found;
  }, LOADED);
  return { ...rendered, section };
}

/** The figure of `row` in each window's column, once all have come. */
async function rowCells(section: HTMLElement, row: string) {
  return waitFor(() => {
    const header = within(section).getByRole('rowheader', { name: row });
    const cells = [...header.parentElement!.querySelectorAll('td')].map((td) => [td.dataset.uptimeWindow, td.textContent]);
    if (cells.some(([, text]) => text === '…')) throw new Error(`${row} still loading`);
    return Object.fromEntries(cells) as Record<string, string>;
  }, LOADED);
}

const bars = (section: HTMLElement) => [...section.querySelectorAll<HTMLElement>('[data-uptime-day]')];

describe('the uptime section', () => {
  it('comes after the checks and before the history', async () => {
    serveUptime({});
    await openCheckout();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.indexOf('Uptime')).toBe(headings.indexOf('Checks') + 1);
    expect(headings.indexOf('History')).toBe(headings.indexOf('Uptime') + 1);
  });

  it('shows 24 hours, 7, 30 and 90 days side by side; 99.996 % is not 100 %, and a window with nothing watched says "no data"', async () => {
    serveUptime({
      '24h': serviceUptime({ uptime: null, monitoredMs: 0, upMs: 0 }),
      '7d': serviceUptime({ uptime: 0.99996, downMs: 24_192, incidents: 1, longestOutageMs: 24_192, mttrMs: 24_192 }),
      '30d': serviceUptime({ uptime: 0.9995, downMs: 1_296_000, incidents: 2, longestOutageMs: 15 * MINUTE, mttrMs: 12 * MINUTE }),
      '90d': serviceUptime({ uptime: 0.99985, downMs: 1_166_400, incidents: 3, longestOutageMs: 15 * MINUTE, mttrMs: 11 * MINUTE }, uptimeDays(91)),
    });
    const { section } = await openCheckout();
    expect(
      within(section)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['24 hours', '7 days', '30 days', '90 days']);
    expect(await rowCells(section, 'Uptime')).toEqual({ '24h': 'no data', '7d': '99.996 %', '30d': '99.95 %', '90d': '99.98 %' });
    expect(await rowCells(section, 'Downtime')).toEqual({ '24h': '—', '7d': '24 s', '30d': '21 min', '90d': '19 min' });
    expect(await rowCells(section, 'Incidents')).toEqual({ '24h': '0', '7d': '1', '30d': '2', '90d': '3' });
    expect(await rowCells(section, 'Longest outage')).toEqual({ '24h': '—', '7d': '24 s', '30d': '15 min', '90d': '15 min' });
    expect(await rowCells(section, 'MTTR')).toEqual({ '24h': '—', '7d': '24 s', '30d': '12 min', '90d': '11 min' });
    // No incident was acknowledged in any window: no MTTA row to fill with dashes.
    expect(within(section).queryByRole('rowheader', { name: 'MTTA' })).toBeNull();
  });

  it('asks for the days only with the 90-day window, in the viewer’s time zone', async () => {
    const { requests } = serveUptime({});
    await openCheckout();
    await waitFor(() => expect(requests).toHaveLength(4), LOADED);
    const asked = requests.map(({ url }) => [url.searchParams.get('window'), url.searchParams.get('buckets')]);
    expect(asked.sort()).toEqual([
      ['24h', null],
      ['30d', null],
      ['7d', null],
      ['90d', 'day'],
    ]);
    expect(requests.every(({ url }) => url.searchParams.get('tz') === Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(true);
  });

  it('says what could not be loaded, and loads it again when asked', async () => {
    let failing = true;
    const good = serviceUptime({ uptime: 0.9995, downMs: 1_296_000 }, uptimeDays(3));
    stubHistoryApi(() => history(), {
      '/api/services/checkout/uptime': () => (failing ? apiError(500, 'internal', 'database is locked') : good),
    });
    const { section } = await openCheckout();
    const alert = await within(section).findByRole('alert', {}, LOADED);
    expect(alert.textContent).toContain('Could not load the uptime of 24 hours, 7 days, 30 days, 90 days: database is locked');
    expect(within(section).getByText('The daily uptime could not be loaded.')).toBeTruthy();
    failing = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await rowCells(section, 'Uptime')).toEqual({ '24h': '99.95 %', '7d': '99.95 %', '30d': '99.95 %', '90d': '99.95 %' });
    await waitFor(() => expect(bars(section)).toHaveLength(3), LOADED);
    expect(within(section).queryByRole('alert')).toBeNull();
  });
});

describe('the 90 daily bars', () => {
  it('draws the newest 90 days, each with its level and its day in words', async () => {
    const days = uptimeDays(91);
    days[88] = uptimeDay('2026-11-28', { uptime: 0.9995, downMs: 43_200, incidents: 1 });
    days[89] = uptimeDay('2026-11-29', { uptime: 0.992, downMs: 691_200, incidents: 1 });
    days[90] = uptimeDay('2026-11-30', { uptime: 0.95, downMs: 72 * MINUTE, incidents: 2 });
    days[87] = uptimeDay('2026-11-27', { uptime: null, monitoredMs: 0, upMs: 0 });
    serveUptime({ '90d': serviceUptime({}, days) });
    const { section } = await openCheckout();
    await waitFor(() => expect(bars(section)).toHaveLength(90), LOADED);
    const shown = bars(section);
    expect(shown[0]!.dataset.uptimeDay).toBe('2026-09-02');
    expect(shown.slice(-5).map((bar) => [bar.dataset.uptimeDay, bar.dataset.uptimeLevel])).toEqual([
      ['2026-11-26', 'full'],
      ['2026-11-27', 'none'],
      ['2026-11-28', 'high'],
      ['2026-11-29', 'mid'],
      ['2026-11-30', 'low'],
    ]);
    const worst = shown[89]!;
    expect(worst.getAttribute('title')).toBe('2026-11-30: 95.00 % up, 1 h 12 min down, 2 incidents');
    expect(within(section).getByRole('img', { name: '2026-11-29: 99.20 % up, 11 min down, 1 incident' })).toBeTruthy();
    expect(within(section).getByRole('img', { name: '2026-11-27: no data' })).toBeTruthy();
    // Read in words too, not only by colour.
    expect(section.textContent).toContain('3 of 89 days watched had downtime; the most on 2026-11-30: 1 h 12 min (95.00 % up). 1 day without data.');
  });

  it('draws the day the clocks go forward as one day like the others', async () => {
    const days = [
      uptimeDay('2026-03-28', { from: '2026-03-27T23:00:00.000Z', to: '2026-03-28T23:00:00.000Z' }),
      uptimeDay('2026-03-29', {
        from: '2026-03-28T23:00:00.000Z',
        to: '2026-03-29T22:00:00.000Z',
        monitoredMs: 82_800_000,
        uptime: 0.99,
        downMs: 828_000,
        incidents: 1,
      }),
      uptimeDay('2026-03-30', { from: '2026-03-29T22:00:00.000Z', to: '2026-03-30T22:00:00.000Z' }),
    ];
    serveUptime({ '90d': serviceUptime({}, days) });
    const { section } = await openCheckout();
    await waitFor(() => expect(bars(section)).toHaveLength(3), LOADED);
    expect(bars(section).map((bar) => [bar.dataset.uptimeDay, bar.dataset.uptimeLevel])).toEqual([
      ['2026-03-28', 'full'],
      ['2026-03-29', 'mid'],
      ['2026-03-30', 'full'],
    ]);
    expect(bars(section)[1]!.getAttribute('title')).toBe('2026-03-29: 99.00 % up, 13 min down, 1 incident');
  });
});

describe('the objective', () => {
  const sloLine = (section: HTMLElement) =>
    waitFor(() => {
      const found = section.querySelector<HTMLElement>('.slo-budget');
      if (!found) throw new Error('no objective yet');
      return found;
    }, LOADED);

  it('says the objective, the budget left of the whole, and how fast it burns', async () => {
    serveUptime({}, slo());
    const line = await sloLine((await openCheckout()).section);
    expect(line.textContent).toBe('SLO 99.9 % over 30 days · 21 min of 43 min left · burn rate 0.5×');
    expect(line.hasAttribute('data-slo-breached')).toBe(false);
  });

  it('makes a spent budget stand out, and says by how much', async () => {
    serveUptime({}, slo({ uptime: 0.99872, budgetLeftMs: -12 * MINUTE, burnRate: 1.28, breached: true }));
    const line = await sloLine((await openCheckout()).section);
    expect(line.hasAttribute('data-slo-breached')).toBe(true);
    expect(line.textContent).toBe('SLO 99.9 % over 30 days · budget spent: 12 min over · burn rate 1.3×');
  });

  it('is not shown for a service without one', async () => {
    serveUptime({});
    const { section } = await openCheckout();
    await waitFor(() => expect(bars(section)).toHaveLength(90), LOADED);
    expect(section.querySelector('.slo-budget')).toBeNull();
    expect(section.textContent).not.toContain('SLO');
  });
});
