import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { ServiceView } from '../../../shared/api';
import { HISTORY_BACKSTOP_MS } from '../../../client/api/history';
import { servicesQuery } from '../../../client/api/services';
import { HISTORY_REFRESH_MS } from '../../../client/service/use-history-refresh';
// Loaded up front: the app loads the page lazily, and fake timers do not wait for module loading.
import '../../../client/service/ServicePage';
import { check, service } from '../fixtures';
import { loadServicePage, renderApp } from '../render';
import { history, stubHistoryApi } from './fake-api';

beforeAll(loadServicePage);

vi.mock('../../../client/service/ResponseTimeChart', () => ({ default: () => null }));

beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 0, 5, 14, 2, 11) });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const elapse = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** The service after a new result of its check arrived now. */
const checkedNow = (status: ServiceView['status'] = 'up') =>
  service('checkout', status, { checks: [check({ status, lastCheckedAt: new Date().toISOString() })] });

function openPage() {
  const { calls } = stubHistoryApi(() => history());
  const rendered = renderApp({ services: [service('checkout')], path: '/services/checkout' });
  const arrive = (next: ServiceView) =>
    act(() => {
      rendered.queryClient.setQueryData(servicesQuery().queryKey, (d) => d && { ...d, services: [next] });
    });
  return { calls, arrive };
}

it('fetches the history again when a new result arrives, at most once per refresh period', async () => {
  const { calls, arrive } = openPage();
  await elapse(10);
  expect(calls).toHaveLength(1);

  // Two results soon after the page opened: one refetch, once the period since the first fetch is over.
  await elapse(1_000);
  arrive(checkedNow());
  await elapse(1_000);
  arrive(checkedNow());
  await elapse(HISTORY_REFRESH_MS - 2_000 - 100);
  expect(calls).toHaveLength(1);
  await elapse(200);
  expect(calls).toHaveLength(2);

  // A status change long after the last refetch: fetched at once.
  await elapse(HISTORY_REFRESH_MS * 2);
  arrive(checkedNow('down'));
  await elapse(10);
  expect(calls).toHaveLength(3);
});

it('does not poll while nothing changes, except for a slow backstop', async () => {
  const { calls } = openPage();
  await elapse(HISTORY_BACKSTOP_MS - 1_000);
  expect(calls).toHaveLength(1);
  await elapse(2_000);
  expect(calls).toHaveLength(2);
});
