import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/status';
import { Tile } from '../../../client/board/Tile';
import type { UptimeFigure } from '../../../client/board/uptime-figure';
import { check, incidentBrief, service } from '../fixtures';

const SINCE = Date.parse('2026-01-05T09:00:00.000Z');
const TWELVE_MINUTES = 12 * 60_000;

afterEach(cleanup);

function renderTile(...args: Parameters<typeof service>) {
  const { container } = render(
    <ul>
      <Tile service={service(...args)} now={SINCE + TWELVE_MINUTES} />
    </ul>,
  );
  const tile = container.querySelector<HTMLElement>('[data-service]');
  if (!tile) throw new Error('no tile rendered');
  return tile;
}

describe('Tile', () => {
  it('a down tile shows the word Down and a square shape', () => {
    const tile = renderTile('checkout', 'down', { name: 'Checkout API' });
    expect(tile.getAttribute('data-service')).toBe('checkout');
    expect(tile.getAttribute('data-status')).toBe('down');
    expect(within(tile).getByText('Down')).toBeTruthy();
    expect(tile.querySelector('svg[data-shape="square"]')).not.toBeNull();
  });

  it.each<[Status, string, string]>([
    ['up', 'Up', 'circle'],
    ['degraded', 'Degraded', 'triangle'],
    ['down', 'Down', 'square'],
    ['unknown', 'Unknown', 'diamond'],
    ['maintenance', 'Maintenance', 'hexagon'],
  ])('a %s tile shows the word %s and a %s shape', (status, word, shape) => {
    const tile = renderTile('svc', status);
    expect(within(tile).getByText(word)).toBeTruthy();
    expect(tile.querySelectorAll('svg[data-shape]')).toHaveLength(1);
    expect(tile.querySelector(`svg[data-shape="${shape}"]`)).not.toBeNull();
  });

  it('hides the shape from screen readers, which read the word', () => {
    const tile = renderTile('svc', 'down');
    expect(tile.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows the name, the team and how long it has been in this state', () => {
    const tile = renderTile('checkout', 'up', { name: 'Checkout API', team: { id: 'payments', name: 'Payments' } });
    expect(within(tile).getByRole('heading', { name: 'Checkout API' })).toBeTruthy();
    expect(within(tile).getByText('Payments')).toBeTruthy();
    expect(within(tile).getByText('for 12m')).toBeTruthy();
  });

  it('shows no duration when the service has never had a result', () => {
    const tile = renderTile('svc', 'unknown', { since: null });
    expect(within(tile).queryByText(/^for /)).toBeNull();
  });

  it('a problem tile shows the first failing check and its message', () => {
    const tile = renderTile('checkout', 'down', {
      checks: [
        check({ id: 'port', status: 'up', message: 'connected' }),
        check({ id: 'health', status: 'down', message: 'expected status 200, got 503' }),
        check({ id: 'tls', status: 'degraded', message: 'expires in 3 days' }),
      ],
    });
    expect(within(tile).getByText('health: expected status 200, got 503')).toBeTruthy();
    expect(within(tile).queryByText(/expires in 3 days/)).toBeNull();
  });

  it('an up tile shows no check message', () => {
    const tile = renderTile('checkout', 'up', { checks: [check({ message: 'OK' })] });
    expect(within(tile).queryByText(/health:/)).toBeNull();
  });

  it('an impacted tile says by what, by name, is marked impacted, and keeps its own status', () => {
    const { container } = render(
      <ul>
        <Tile service={service('checkout', 'up', { impactedBy: ['orders-db'] })} now={SINCE} nameOf={(id) => (id === 'orders-db' ? 'Orders DB' : id)} />
      </ul>,
    );
    const tile = container.querySelector<HTMLElement>('[data-service="checkout"]')!;
    expect(within(tile).getByText('Impacted by Orders DB')).toBeTruthy();
    expect(tile.hasAttribute('data-impacted')).toBe(true);
    expect(tile.getAttribute('data-status')).toBe('up');
    expect(within(tile).getByText('Up')).toBeTruthy();
    expect(renderTile('search', 'up').hasAttribute('data-impacted')).toBe(false);
  });

  it('its link is described by the status and the reason, for someone tabbing through the wall', () => {
    renderTile('checkout', 'down', { name: 'Checkout API', checks: [check({ id: 'health', status: 'down', message: 'expected status 200, got 503' })] });
    const link = screen.getByRole('link', { name: 'Checkout API' });
    const description = link
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)!.textContent)
      .join(' ');
    expect(description).toBe('Down for 12m health: expected status 200, got 503');
  });

  it('is a link to the service page, named by the service, keeping its attributes on the tile', () => {
    const tile = renderTile('checkout', 'down', { name: 'Checkout API' });
    expect(tile.tagName).toBe('LI');
    expect(tile.getAttribute('data-status')).toBe('down');
    expect(within(tile).getByRole('link', { name: 'Checkout API' }).getAttribute('href')).toBe('/services/checkout');
  });

  it('a problem tile names who is on call on a line of its own, read out with its status', () => {
    const tile = renderTile('checkout', 'down', { oncall: { person: { id: 'alice', name: 'Alice Liddell', contact: {} }, since: null, until: null } });
    const line = screen.getByText('On call: Alice Liddell');
    expect(line.classList.contains('tile-oncall')).toBe(true);
    expect(line.hasAttribute('data-nobody')).toBe(false);
    // Right under the status, so a small tile cuts the team line before it.
    expect(line.previousElementSibling?.classList.contains('tile-status')).toBe(true);
    const described = within(tile).getByRole('link').getAttribute('aria-describedby')?.split(' ');
    expect(described).toContain(line.id);
  });

  it('a problem tile whose team has nobody on call says so in the problem style', () => {
    renderTile('checkout', 'degraded', { oncall: { person: null, since: null, until: null } });
    const line = screen.getByText('Nobody on call');
    expect(line.hasAttribute('data-nobody')).toBe(true);
  });

  it('a healthy tile does not name who is on call', () => {
    renderTile('checkout', 'up', { oncall: { person: { id: 'alice', name: 'Alice Liddell', contact: {} }, since: null, until: null } });
    expect(screen.queryByText(/On call/)).toBeNull();
  });
});

describe('Tile: incidents and maintenance', () => {
  const minutes = (n: number) => new Date(SINCE + n * 60_000).toISOString();
  const names = (id: string) => ({ 'orders-db': 'Orders DB' })[id] ?? id;

  function renderAt(now: number, ...args: Parameters<typeof service>) {
    const view = render(
      <ul>
        <Tile service={service(...args)} now={now} nameOf={names} />
      </ul>,
    );
    return { ...view, tile: view.container.querySelector<HTMLElement>('[data-service]')! };
  }

  it('names who was paged and how long ago, under the status and on-call, and the time ticks', () => {
    const args: Parameters<typeof service> = [
      'checkout',
      'down',
      {
        oncall: { person: { id: 'alice', name: 'Alice', contact: {} }, since: null, until: null },
        incident: incidentBrief('checkout', { id: 'inc-7', paged: { name: 'Alice', at: minutes(10) } }),
      },
    ];
    const { tile, rerender } = renderAt(SINCE + TWELVE_MINUTES, ...args);
    expect(tile.getAttribute('data-incident')).toBe('inc-7');
    expect(tile.getAttribute('data-incident-state')).toBe('paged');
    const line = within(tile).getByText('Paged Alice · 2m ago');
    expect(line.previousElementSibling?.classList.contains('tile-headline')).toBe(true);
    // Read out with the status, for someone tabbing through the wall.
    expect(within(tile).getByRole('link').getAttribute('aria-describedby')?.split(' ')).toContain(line.id);
    rerender(
      <ul>
        <Tile service={service(...args)} now={SINCE + 15 * 60_000} nameOf={names} />
      </ul>,
    );
    expect(within(tile).getByText('Paged Alice · 5m ago')).toBe(line);
  });

  it('says it is paging before the first page is sent', () => {
    const { tile } = renderAt(SINCE, 'checkout', 'down', { incident: incidentBrief('checkout') });
    expect(tile.getAttribute('data-incident-state')).toBe('paging');
    expect(within(tile).getByText('Paging…')).toBeTruthy();
  });

  it('names who acknowledged, and when', () => {
    const incident = incidentBrief('checkout', {
      status: 'acknowledged',
      paged: { name: 'Alice', at: minutes(1) },
      acknowledged: { by: 'Alice', at: minutes(7) },
    });
    const { tile } = renderAt(SINCE + TWELVE_MINUTES, 'checkout', 'down', { incident });
    expect(tile.getAttribute('data-incident-state')).toBe('acknowledged');
    expect(within(tile).getByText('Acknowledged by Alice · 5m ago')).toBeTruthy();
    expect(within(tile).queryByText(/^Paged/)).toBeNull();
  });

  it("a tile impacted by another service names the cause's incident, by the cause's name", () => {
    const incident = incidentBrief('orders-db', { id: 'inc-db', paged: { name: 'Bob', at: minutes(1) } });
    const { tile } = renderAt(SINCE + TWELVE_MINUTES, 'checkout', 'down', { impactedBy: ['orders-db'], incident });
    expect(tile.getAttribute('data-incident')).toBe('inc-db');
    expect(within(tile).getByText('Orders DB incident · paged Bob')).toBeTruthy();
    expect(within(tile).getByText('Impacted by Orders DB')).toBeTruthy();
  });

  it('a tile with no incident, or a resolved one, has no incident line or attributes', () => {
    for (const incident of [null, incidentBrief('checkout', { status: 'resolved' })]) {
      const { tile, unmount } = renderAt(SINCE, 'checkout', 'down', { incident });
      expect(tile.hasAttribute('data-incident')).toBe(false);
      expect(tile.hasAttribute('data-incident-state')).toBe(false);
      expect(tile.querySelector('.tile-incident')).toBeNull();
      unmount();
    }
  });

  it('a tile in maintenance says until when and why, in local time, with its status word', () => {
    const now = new Date(2026, 0, 5, 12, 30).getTime();
    const maintenance = { id: 'backup', until: new Date(2026, 0, 5, 14, 0).toISOString(), reason: 'Nightly backup' };
    const { tile } = renderAt(now, 'orders-db', 'maintenance', { maintenance });
    expect(tile.getAttribute('data-status')).toBe('maintenance');
    expect(within(tile).getByText('Maintenance')).toBeTruthy();
    const line = within(tile).getByText('Maintenance until 14:00 · Nightly backup');
    expect(within(tile).getByRole('link').getAttribute('aria-describedby')?.split(' ')).toContain(line.id);
    // Not a problem: nobody is named on call for it.
    expect(within(tile).queryByText(/On call/)).toBeNull();
  });
});

describe('Tile: uptime', () => {
  function renderWithUptime(uptime: UptimeFigure | null, ...args: Parameters<typeof service>) {
    const { container } = render(
      <ul>
        <Tile service={service(...args)} now={SINCE} uptime={uptime} />
      </ul>,
    );
    return container.querySelector<HTMLElement>('[data-service]')!;
  }

  it('shows its uptime and window small, on the team line, and marks the tile with the percent', () => {
    const tile = renderWithUptime({ percent: '99.95', window: '30d', sloBreached: false, since: null }, 'checkout', 'up', {
      team: { id: 'payments', name: 'Payments' },
    });
    expect(tile.getAttribute('data-uptime')).toBe('99.95');
    const figure = tile.querySelector('.tile-uptime')!;
    expect(figure.textContent).toBe('Uptime 99.95 % · 30 d');
    // Beside the team, on the tile's last line: it costs no line a reason or on-call needs.
    expect(figure.parentElement?.querySelector('.tile-team')?.textContent).toBe('Payments');
    expect(figure.parentElement?.nextElementSibling).toBeNull();
    expect(tile.hasAttribute('data-slo-breached')).toBe(false);
  });

  it('a figure counted over less than its window says from when, not the window', () => {
    const since = Date.UTC(2026, 10, 3, 12);
    const tile = renderWithUptime({ percent: '100', window: '30d', sloBreached: false, since }, 'checkout', 'up');
    const figure = tile.querySelector('.uptime-text')!;
    expect(figure.textContent).toBe(`Uptime 100 % · since ${new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(since)}`);
    expect(figure.getAttribute('data-uptime-since')).toBe('2026-11-03T12:00:00.000Z');
    expect(figure.getAttribute('title')).toMatch(/watched for less than the last 30 days$/);
  });

  it('a figure counted since earlier today says the time', () => {
    const noon = new Date();
    noon.setHours(12, 0, 0, 0);
    const tile = renderWithUptime({ percent: '100', window: '30d', sloBreached: false, since: noon.getTime() }, 'checkout', 'up');
    expect(tile.querySelector('.uptime-window')!.textContent).toBe(' · since 12:00');
  });

  it('shows no figure and no attribute when it has none', () => {
    const tile = renderWithUptime(null, 'checkout', 'up');
    expect(tile.hasAttribute('data-uptime')).toBe(false);
    expect(tile.querySelector('.tile-uptime')).toBeNull();
    expect(within(tile).queryByText(/%/)).toBeNull();
  });

  it('a broken objective says so in words beside the figure, and marks the tile', () => {
    const tile = renderWithUptime({ percent: '99.80', window: '7d', sloBreached: true, since: null }, 'checkout', 'up');
    expect(tile.hasAttribute('data-slo-breached')).toBe(true);
    expect(tile.querySelector('.tile-uptime')?.textContent).toBe('SLO breached · Uptime 99.80 % · 7 d');
  });

  it('is read out last, after the status and the reason', () => {
    const tile = renderWithUptime({ percent: '97.50', window: '90d', sloBreached: false, since: null }, 'checkout', 'down', {
      name: 'Checkout API',
      checks: [check({ id: 'health', status: 'down', message: 'timeout' })],
    });
    const description = within(tile)
      .getByRole('link')
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)!.textContent)
      .join(' ');
    expect(description).toBe('Down for 0s health: timeout Uptime 97.50 % · 90 d');
  });
});
