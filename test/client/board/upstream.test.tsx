import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Tile } from '../../../client/board/Tile';
import { check, service } from '../fixtures';
import { loadServicePage, renderApp } from '../render';
import { history, stubHistoryApi } from '../service/fake-api';

beforeAll(loadServicePage);

vi.mock('../../../client/service/ResponseTimeChart', () => ({ default: () => <div data-testid="chart" /> }));

const GITHUB = { provider: 'GitHub', url: 'https://www.githubstatus.com' };
const actions = (status: Parameters<typeof service>[1] = 'down') =>
  service('github-actions', status, {
    name: 'GitHub Actions',
    team: null,
    upstream: GITHUB,
    checks: [
      check({ id: 'github', type: 'statuspage', origin: 'source', status, message: 'Major outage — Incident with Actions (https://stspg.io/a8c3kq1w)' }),
    ],
  });
const deploys = () => service('deploys', 'up', { name: 'Deploys', dependsOn: ['github-actions'], impactedBy: ['github-actions'] });

beforeEach(() => {
  stubHistoryApi(() => history());
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.title = '';
  delete document.documentElement.dataset.connection;
});

describe('an upstream service on the board', () => {
  it('its tile is marked "upstream · GitHub", for people and for scripts', () => {
    const { container } = render(
      <ul>
        <Tile service={actions()} now={Date.now()} />
      </ul>,
    );
    const tile = container.querySelector<HTMLElement>('[data-service="github-actions"]')!;
    expect(tile.getAttribute('data-upstream')).toBe('GitHub');
    expect(within(tile).getByText('upstream · GitHub')).toBeTruthy();
    expect(within(tile).getByRole('link').getAttribute('aria-describedby')).toContain('tile-github-actions-upstream');
  });

  it('a tile in maintenance says which maintenance, as a problem tile says why', () => {
    const codespaces = service('github-codespaces', 'maintenance', {
      upstream: GITHUB,
      checks: [check({ id: 'github', status: 'maintenance', message: 'Under maintenance — Codespaces maintenance (https://stspg.io/k2d9rt5b)' })],
    });
    const { container } = render(
      <ul>
        <Tile service={codespaces} now={Date.now()} />
      </ul>,
    );
    expect(container.textContent).toContain('github: Under maintenance — Codespaces maintenance (https://stspg.io/k2d9rt5b)');
  });

  it('a tile of our own carries no upstream mark', () => {
    const { container } = render(
      <ul>
        <Tile service={deploys()} now={Date.now()} />
      </ul>,
    );
    expect(container.querySelector('[data-upstream]')).toBeNull();
    expect(container.textContent).not.toContain('upstream');
  });

  it('a tile impacted by an upstream that is down says it is the provider: "Impacted by GitHub Actions (upstream)"', async () => {
    const { container } = renderApp({ services: [actions(), deploys()] });
    await waitFor(() => expect(container.querySelector('[data-service="deploys"]')).not.toBeNull());
    const tile = container.querySelector<HTMLElement>('[data-service="deploys"]')!;
    expect(tile.hasAttribute('data-impacted')).toBe(true);
    expect(within(tile).getByText('Impacted by GitHub Actions (upstream)')).toBeTruthy();
  });
});

describe("an upstream service's page", () => {
  it("says its status comes from GitHub's status page, with the link", async () => {
    renderApp({ services: [actions('degraded')], path: '/services/github-actions' });
    const note = await screen.findByText(/status from/i);
    expect(note.textContent).toBe("Upstream: status from GitHub's status page ↗");
    expect(within(note).getByRole('link').getAttribute('href')).toBe('https://www.githubstatus.com');
  });

  it('the page of a service impacted by it names the upstream among what impacts it', async () => {
    renderApp({ services: [actions(), deploys()], path: '/services/deploys' });
    const impacted = await screen.findByText('Impacted by');
    expect(impacted.parentElement!.textContent).toContain('upstream · GitHub');
  });

  it('a service of our own says nothing of a status page', async () => {
    renderApp({ services: [deploys(), actions()], path: '/services/deploys' });
    await screen.findByText('Impacted by');
    expect(screen.queryByText(/status from/i)).toBeNull();
  });
});
