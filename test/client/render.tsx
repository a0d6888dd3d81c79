import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ServiceView, TeamOncallView } from '../../shared/api';
import { App } from '../../client/App';
import { createConnectionStore, type Connection } from '../../client/api/connection';
import { servicesQuery } from '../../client/api/services';
import type { BoardData } from '../../client/api/services-cache';

export interface RenderOptions {
  /** Seeds the services cache as if a snapshot had arrived; leave out to start empty. */
  services?: ServiceView[];
  /** Every team's on-call, as a snapshot would bring it. */
  oncall?: TeamOncallView[];
  /** Seeds it as REST data instead (no sequence position). */
  fromRest?: boolean;
  connection?: Partial<Connection>;
  /** The page to show; `undefined` follows the address bar, as in a browser. */
  path?: string | undefined;
}

export function renderApp({ services, oncall, fromRest = false, connection, ...options }: RenderOptions = {}) {
  const path = 'path' in options ? options.path : '/';
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  if (services) {
    const data: BoardData = {
      services,
      generatedAt: '2026-01-05T09:00:00.000Z',
      oncall,
      held: fromRest ? null : { epoch: 'e1', seq: 1 },
    };
    queryClient.setQueryData(servicesQuery().queryKey, data);
  }
  const store = createConnectionStore({ state: 'live', lastUpdateAt: Date.now(), ...connection });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <App connection={store} path={path} />
    </QueryClientProvider>,
  );
  return { ...result, queryClient, connection: store };
}

/** The ids of the tiles on screen, in the order they are shown. */
export function tileIds(container: HTMLElement): string[] {
  return [...container.querySelectorAll('[data-service]')].map((el) => el.getAttribute('data-service') ?? '');
}

export function faviconSvg(): string {
  const href = document.querySelector<HTMLLinkElement>('link#favicon')?.getAttribute('href') ?? '';
  return decodeURIComponent(href.replace('data:image/svg+xml,', ''));
}

/**
 * Compiles the service page's lazy chunk before a file's tests: on a busy machine its
 * first compile can outlast a test's one-second wait for the page.
 */
export async function loadServicePage(): Promise<void> {
  await import('../../client/service/ServicePage');
}
