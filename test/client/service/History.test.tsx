import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryBucket, ServiceView } from '../../../shared/api';
import type { ResponseTimeChartProps } from '../../../client/service/ResponseTimeChart';
import { check, service } from '../fixtures';
import { loadServicePage, renderApp } from '../render';
import { history, result, stubHistoryApi, transition, type Answer } from './fake-api';

vi.mock('../../../client/service/ResponseTimeChart', () => ({
  default: ({ data, label }: ResponseTimeChartProps) => (
    <div data-testid="chart" aria-label={label} data-kind={data.kind} data-points={data.kind === 'runs' ? data.points.length : data.rows.length} />
  ),
}));

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

beforeAll(loadServicePage);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function openPage(services: ServiceView[], answer: (url: URL) => Answer) {
  const api = stubHistoryApi(answer);
  const rendered = renderApp({ services, path: `/services/${services[0]!.id}` });
  return { ...rendered, ...api };
}

const section = (name: string) => screen.getByRole('heading', { name }).closest('section')!;

describe('state changes', () => {
  it('lists the changes of the service and its checks newest first, with how long each lasted', async () => {
    const transitions = [
      transition({ from: 'up', to: 'down', at: ago(30 * MINUTE) }),
      transition({ checkId: 'health', from: 'up', to: 'down', at: ago(30 * MINUTE) }),
      transition({ from: 'down', to: 'up', at: ago(10 * MINUTE) }),
    ];
    openPage([service('checkout')], () => history({ transitions }));
    await screen.findByRole('heading', { name: 'State changes' });
    const rows = within(section('State changes')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-transition-subject'))).toEqual(['service', 'health', 'service']);
    expect(rows[0]!.textContent).toMatch(/Service.*Down.*Up.*10m so far/);
    expect(rows[1]!.textContent).toMatch(/Check health.*Up.*Down.*30m so far/);
    expect(rows[2]!.textContent).toMatch(/Service.*Up.*Down.*20m$/);
  });

  it('with none in the window, says the status held throughout', async () => {
    openPage([service('checkout', 'down')], () => history());
    expect(await screen.findByText('No state changes in the last 24 hours: Down throughout.')).toBeTruthy();
    expect(screen.getByText('No failed results in the last 24 hours.')).toBeTruthy();
    expect(screen.getByText('No results in the last 24 hours.')).toBeTruthy();
  });
});

describe('the latest failure of each check', () => {
  it('of a scenario is a table of its steps: what was asked, expected, and what came back', async () => {
    const steps = [
      { name: 'log in', method: 'POST', url: 'http://shop.test/login', status: 200, latencyMs: 31, outcome: 'ok', message: 'HTTP 200' },
      {
        name: 'search',
        method: 'GET',
        url: 'http://shop.test/search',
        status: 503,
        latencyMs: 12,
        outcome: 'failed',
        message: 'expected status 200, got 503',
        bodyExcerpt: 'Service Unavailable',
      },
      { name: 'log out', method: 'POST', url: 'http://shop.test/logout', status: null, latencyMs: null, outcome: 'not run', message: 'not run' },
    ];
    const failed = result({ checkId: 'journey', outcome: 'failed', message: "step 2 'search': expected status 200, got 503", details: { steps } });
    openPage([service('shop', 'down', { checks: [check({ id: 'journey', type: 'scenario', status: 'down' })] })], () => history({ results: [failed] }));
    const table = await screen.findByRole('table', { name: 'Scenario steps' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('GET http://shop.test/search');
    expect(within(rows[1]!).getByText('Failed')).toBeTruthy();
    expect(within(rows[1]!).getByText('503')).toBeTruthy();
    expect(within(rows[1]!).getByText('expected status 200, got 503')).toBeTruthy();
    expect(within(rows[1]!).getByText('Service Unavailable')).toBeTruthy();
    expect(within(rows[2]!).getByText('Not run')).toBeTruthy();
    expect(screen.getByText("step 2 'search': expected status 200, got 503")).toBeTruthy();
  });

  it('of a browser check shows the screenshot the check saved, from the artifacts API', async () => {
    const details = {
      steps: [
        { step: 'goto http://shop.test/', outcome: 'ok', ms: 80 },
        { step: 'expectText "Signed in as"', outcome: 'failed', ms: 2000, error: 'text "Signed in as" not found (waited 2s)' },
      ],
      failedStep: 2,
      pageUrl: 'http://shop.test/login',
      screenshot: '0123456789abcdef01234567.png',
    };
    const failed = result({ checkId: 'sign-in', outcome: 'failed', latencyMs: null, details });
    openPage([service('shop', 'down', { checks: [check({ id: 'sign-in', type: 'browser', status: 'down' })] })], () => history({ results: [failed] }));
    const img = await screen.findByRole('img', { name: 'The page when step 2 failed' });
    expect(img.getAttribute('src')).toBe('/api/artifacts/0123456789abcdef01234567.png');
    const steps = within(screen.getByRole('table', { name: 'Browser steps' }))
      .getAllByRole('row')
      .slice(1);
    expect(steps[1]!.textContent).toContain('text "Signed in as" not found (waited 2s)');
  });

  it('says so when a screenshot has since been pruned, rather than show a broken image', async () => {
    const details = {
      steps: [{ step: 'goto http://shop.test/', outcome: 'failed', ms: 5, error: 'HTTP 503' }],
      failedStep: 1,
      screenshot: '0123456789abcdef01234567.png',
    };
    const failed = result({ checkId: 'sign-in', outcome: 'failed', details });
    openPage([service('shop', 'down', { checks: [check({ id: 'sign-in', type: 'browser', status: 'down' })] })], () => history({ results: [failed] }));
    fireEvent.error(await screen.findByRole('img', { name: 'The page when step 1 failed' }));
    expect(await screen.findByText('The screenshot of this run is no longer kept.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('never makes an image of a screenshot value that is not an artifact id', async () => {
    const details = { steps: [{ step: 'goto http://shop.test/', outcome: 'failed', ms: 5, error: 'HTTP 503' }], screenshot: '../../secrets.png' };
    const failed = result({ checkId: 'sign-in', outcome: 'failed', details });
    openPage([service('shop', 'down', { checks: [check({ id: 'sign-in', type: 'browser', status: 'down' })] })], () => history({ results: [failed] }));
    await screen.findByRole('table', { name: 'Browser steps' });
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('of any other check lists its details as labelled values', async () => {
    const details = { statusCode: 503, headers: { 'content-type': 'text/plain' }, bodyExcerpt: 'Service Unavailable', timing: { totalMs: 12 } };
    const results = [result({ outcome: 'failed', message: 'expected status 200, got 503', details }), result({ outcome: 'ok', at: ago(1_000) })];
    openPage([service('checkout', 'down')], () => history({ results }));
    const failures = await waitFor(() => section('Latest failures'));
    const list = await within(failures).findByText('Status code');
    expect(list.nextElementSibling?.textContent).toBe('503');
    expect(within(failures).getByText('content-type').nextElementSibling?.textContent).toBe('text/plain');
    expect(within(failures).getByText('Total').nextElementSibling?.textContent).toBe('12 ms');
    expect(within(failures).getByText('Service Unavailable')).toBeTruthy();
  });
});

describe('response times', () => {
  it('draws one chart per check, problems first', async () => {
    const checks = [check({ id: 'port', type: 'tcp', status: 'up' }), check({ id: 'health', status: 'down' })];
    const results = [result({ checkId: 'port' }), result({ checkId: 'health', outcome: 'failed' }), result({ checkId: 'health' })];
    openPage([service('checkout', 'down', { checks })], () => history({ results }));
    const charts = await screen.findAllByTestId('chart');
    expect(charts.map((c) => [c.getAttribute('aria-label'), c.dataset.points])).toEqual([
      ['Response time of health', '2'],
      ['Response time of port', '1'],
    ]);
    expect(screen.getByText(/2 runs · 1 not ok/)).toBeTruthy();
  });

  it('draws from the slices of the whole window when the server sends them, not from the results it cut short', async () => {
    const slice = (minutesAgo: number, runs: HistoryBucket['runs']): HistoryBucket => ({
      at: new Date(Math.floor((Date.now() - minutesAgo * MINUTE) / MINUTE) * MINUTE).toISOString(),
      runs,
      p50Ms: 40,
      p95Ms: 95,
      maxMs: minutesAgo === 600 ? 2_400 : 300,
    });
    const checks = [check({ id: 'health', status: 'up' }), check({ id: 'port', type: 'tcp', status: 'up' })];
    const series = [
      { checkId: 'health', stepMs: MINUTE, buckets: [slice(600, { ok: 59, failed: 1 }), slice(599, { ok: 60 }), slice(2, { ok: 58, degraded: 2 })] },
    ];
    const results = [result({ checkId: 'health' }), result({ checkId: 'port', latencyMs: 12 })];
    openPage([service('checkout', 'up', { checks })], () => history({ results, series, truncated: true }));
    const charts = await screen.findAllByTestId('chart');
    // The hole between 599 and 2 minutes ago is a row of its own; port has no slices, so its results are drawn.
    expect(charts.map((c) => [c.getAttribute('aria-label'), c.dataset.kind, c.dataset.points])).toEqual([
      ['Response time of health', 'slices', '4'],
      ['Response time of port', 'runs', '1'],
    ]);
    expect(screen.getByText('· 180 runs · 3 not ok · slowest 2.40 s')).toBeTruthy();
    expect(screen.getByText('· 1 run · 0 not ok · median 12 ms · slowest 12 ms')).toBeTruthy();
  });
});

describe('loading, errors and the window', () => {
  it('says so while the history loads', async () => {
    openPage([service('checkout')], () => 'pending');
    expect(await screen.findByText('Loading the history…')).toBeTruthy();
  });

  it('when the history cannot be loaded, says why and can try again', async () => {
    let fail = true;
    const { calls } = openPage([service('checkout')], () => (fail ? { status: 500, code: 'internal', message: 'internal error' } : history()));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the history: internal error');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No results in the last 24 hours.')).toBeTruthy();
    expect(calls).toHaveLength(2);
  });

  it('asks for the last 24 hours, then for the window picked', async () => {
    const { calls } = openPage([service('checkout')], () => history());
    await screen.findByText('No results in the last 24 hours.');
    const span = (url: URL) => Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'));
    expect(calls.map(span)).toEqual([86_400_000]);
    expect(calls[0]!.pathname).toBe('/api/services/checkout/history');
    await userEvent.click(screen.getByRole('button', { name: '7d' }));
    expect(await screen.findByText('No results in the last 7 days.')).toBeTruthy();
    expect(calls.map(span)).toEqual([86_400_000, 604_800_000]);
    expect(screen.getByRole('button', { name: '7d' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: '24h' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('says when the window held more results than were sent', async () => {
    openPage([service('checkout')], () => history({ results: [result()], truncated: true }));
    expect(await screen.findByText('Failures are listed from the newest 1 results of the last 24 hours; the charts cover all of it.')).toBeTruthy();
  });
});
