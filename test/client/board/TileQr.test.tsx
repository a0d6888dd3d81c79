import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceView, ViewsResponse } from '../../../shared/api';
import { viewsQuery } from '../../../client/api/views';
import { Tile } from '../../../client/board/Tile';
import { incidentBrief, service } from '../fixtures';

afterEach(cleanup);

function renderTile(svc: ServiceView, wrap: (tile: ReactNode) => ReactNode = (tile) => tile) {
  const { container } = render(wrap(<ul>{<Tile service={svc} now={Date.parse('2026-01-05T09:10:00Z')} />}</ul>));
  return container.querySelector<HTMLElement>('[data-service]')!;
}

describe('the QR code on a tile', () => {
  it("a problem tile carries a code to its service's page, from this page's origin, drawn as SVG once loaded", async () => {
    const tile = renderTile(service('checkout', 'down'));
    const qr = tile.querySelector('[data-qr]')!;
    expect(qr.getAttribute('data-qr')).toBe(`${window.location.origin}/services/checkout`);
    await waitFor(() => expect(qr.querySelector('svg path')?.getAttribute('d')).toMatch(/^M\d+ \d+h\d+v1h-\d+z/));
    expect(qr.querySelector('svg')?.getAttribute('aria-label')).toBe(`QR code for ${window.location.origin}/services/checkout`);
  });

  it.each(['up', 'maintenance'] as const)('an %s tile has none', (status) => {
    expect(renderTile(service('checkout', status)).querySelector('[data-qr]')).toBeNull();
  });

  it("links from the board's public address when the server gives one", async () => {
    const client = new QueryClient();
    const views: ViewsResponse = { views: [], boardUrl: 'https://status.example.com' };
    client.setQueryData(viewsQuery().queryKey, views);
    const tile = renderTile(service('checkout', 'degraded'), (tile) => <QueryClientProvider client={client}>{tile}</QueryClientProvider>);
    expect(tile.querySelector('[data-qr]')?.getAttribute('data-qr')).toBe('https://status.example.com/services/checkout');
    client.clear();
  });

  it('says "Scan to open" while an incident waits for someone to acknowledge it, not after', () => {
    const open = renderTile(service('checkout', 'down', { incident: incidentBrief('checkout') }));
    expect(open.querySelector('[data-qr] figcaption')?.textContent).toBe('Scan to open');
    cleanup();
    const acknowledged = renderTile(
      service('checkout', 'down', {
        incident: incidentBrief('checkout', { status: 'acknowledged', acknowledged: { by: 'Alice', at: '2026-01-05T09:05:00Z' } }),
      }),
    );
    expect(acknowledged.querySelector('[data-qr]')).not.toBeNull();
    expect(acknowledged.querySelector('[data-qr] figcaption')).toBeNull();
  });
});
