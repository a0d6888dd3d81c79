import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryBucket } from '../../../shared/api';
import { check, service } from '../fixtures';
import { loadServicePage, renderApp } from '../render';
import { history, result, stubHistoryApi } from './fake-api';

// The real chart, recharts and all: only the layout jsdom lacks is stood in for.
const MINUTE = 60_000;
/** How long to poll for the chart: the page and recharts come in lazy chunks, slow on a busy machine. */
const LOADED = { timeout: 5_000 };

beforeAll(async () => {
  // The page's own colours, which the chart reads from its custom properties.
  const style = document.createElement('style');
  style.textContent = readFileSync(join(import.meta.dirname, '../../../client/styles.css'), 'utf8');
  document.head.append(style);
  await loadServicePage();
  await import('../../../client/service/ResponseTimeChart');
});

beforeEach(() => {
  // recharts sizes the chart from its box, which jsdom never lays out.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ width: 600, height: 220 }));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A one-minute slice `minutesAgo` minutes back, on a whole minute as the server cuts them. */
function slice(minutesAgo: number, runs: HistoryBucket['runs'] = { ok: 60 }, p50Ms = 40): HistoryBucket {
  const at = Math.floor((Date.now() - minutesAgo * MINUTE) / MINUTE) * MINUTE;
  return { at: new Date(at).toISOString(), runs, p50Ms, p95Ms: p50Ms * 2, maxMs: p50Ms * 3 };
}

async function chartOf(checkId: string) {
  const figure = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(`[data-chart-check="${checkId}"]`);
    expect(found).not.toBeNull();
    return found!;
  }, LOADED);
  await waitFor(() => expect(figure.querySelector('.recharts-line-curve')).not.toBeNull(), LOADED);
  return figure;
}

/** The runs of a line that are drawn without a break: one per "M" (move) in its path. */
const stretches = (path: Element) => (path.getAttribute('d')?.match(/M/g) ?? []).length;

describe('the response-time chart drawn from slices', () => {
  it('draws a median and a 95th-percentile line, broken where nothing was measured, and marks the slice that failed', async () => {
    // Ten minutes measured, a restart with nothing for 20 minutes, then five more; one slice had failures.
    const buckets = [
      ...[40, 39, 38, 37, 36, 35, 34, 33, 32, 31].map((m) => slice(m)),
      ...[10, 9, 8, 7, 6].map((m) => slice(m, m === 8 ? { ok: 57, failed: 3 } : { ok: 60 })),
    ];
    stubHistoryApi(() => history({ series: [{ checkId: 'health', stepMs: MINUTE, buckets }], results: [result()] }));
    renderApp({ services: [service('checkout', 'up', { checks: [check({ id: 'health' })] })], path: '/services/checkout' });

    const figure = await chartOf('health');
    const lines = [...figure.querySelectorAll('.recharts-line-curve')];
    expect(lines).toHaveLength(2);
    expect(lines.map(stretches)).toEqual([2, 2]);
    expect(lines.map((l) => l.getAttribute('stroke-dasharray'))).toEqual([null, '5 3']);
    const legend = figure.querySelector<HTMLElement>('.chart-legend')!;
    expect(within(legend).getByText('median')).toBeTruthy();
    expect(within(legend).getByText('95th percentile')).toBeTruthy();
    expect(legend.querySelector('[data-mark="failed"]')?.textContent).toContain('failed');
    const marks = [...figure.querySelectorAll('.recharts-scatter-symbol path')];
    expect(marks.map((m) => m.getAttribute('fill'))).toEqual(['#ef4444']);
    expect(figure.getAttribute('data-chart-from')).toBe('slices');
    expect(within(figure).getByText('· 900 runs · 3 not ok · slowest 120 ms')).toBeTruthy();
  });

  it('draws a slice with nothing to join it to as a dot, so it still shows', async () => {
    const buckets = [slice(30), slice(29), slice(10, { ok: 60 }, 70)];
    stubHistoryApi(() => history({ series: [{ checkId: 'health', stepMs: MINUTE, buckets }] }));
    renderApp({ services: [service('checkout', 'up', { checks: [check({ id: 'health' })] })], path: '/services/checkout' });

    const figure = await chartOf('health');
    // One dot per line, both at the lone slice.
    await waitFor(() => expect(figure.querySelectorAll('[data-lone-dot]')).toHaveLength(2), LOADED);
  });

  it('with no slices from the server, draws the results as before: one line', async () => {
    const results = [
      result({ at: new Date(Date.now() - 3 * MINUTE).toISOString() }),
      result({ at: new Date(Date.now() - 2 * MINUTE).toISOString(), latencyMs: 60 }),
    ];
    stubHistoryApi(() => history({ results }));
    renderApp({ services: [service('checkout', 'up', { checks: [check({ id: 'health' })] })], path: '/services/checkout' });

    const figure = await chartOf('health');
    expect(figure.querySelectorAll('.recharts-line-curve')).toHaveLength(1);
    expect(figure.getAttribute('data-chart-from')).toBe('runs');
    expect(figure.querySelector('.chart-legend')).toBeNull();
  });
});
