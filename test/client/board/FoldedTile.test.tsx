import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FoldedTile } from '../../../client/board/FoldedTile';
import type { TeamFold } from '../../../client/board/fold-plan';
import { service } from '../fixtures';

afterEach(cleanup);

const payments: TeamFold = {
  team: { id: 'payments', name: 'Payments' },
  services: ['Web 1', 'Web 2', 'Web 3'].map((name, i) => service(`web-${i + 1}`, 'up', { name })),
};
const search: TeamFold = { team: { id: 'search', name: 'Search' }, services: [service('index', 'up', { name: 'Index' })] };
const other: TeamFold = { team: null, services: [service('cron', 'up', { name: 'Cron' }), service('mail', 'up', { name: 'Mail' })] };
const inList = (node: ReactNode) => render(<ul>{node}</ul>).container;

describe('FoldedTile', () => {
  it('a team’s tile: its name, how many are up (word and shape), which; and which team, for scripts', () => {
    const tile = inList(<FoldedTile folds={[payments]} onShowAll={() => {}} />).querySelector<HTMLElement>('[data-folded]')!;
    expect(tile.getAttribute('data-folded')).toBe('3');
    expect(tile.getAttribute('data-folded-team')).toBe('payments');
    expect(tile.hasAttribute('data-service')).toBe(false); // not a service: scripts counting tiles are not misled
    expect(tile.querySelector('.tile-name')!.textContent).toBe('Payments');
    expect(tile.querySelector('.tile-word')!.textContent).toBe('3 up');
    expect(tile.querySelector('svg[data-shape="circle"]')).not.toBeNull();
    expect(screen.getByText('Web 1, Web 2, Web 3')).toBeTruthy();
  });

  it('a team’s tile opens the team’s own view of the board', () => {
    inList(<FoldedTile folds={[payments]} onShowAll={() => {}} />);
    expect(screen.getByRole('link', { name: 'Payments: 3 services, all up. Show the team' }).getAttribute('href')).toBe('/?team=payments');
  });

  it('a team whose first services keep their own tiles: the tile counts the rest', () => {
    const tile = inList(<FoldedTile folds={[{ ...payments, partial: true }]} onShowAll={() => {}} />).querySelector<HTMLElement>('[data-folded]')!;
    expect(tile.querySelector('.tile-word')!.textContent).toBe('3 more up');
    expect(screen.getByRole('link', { name: 'Payments: 3 more services, all up. Show the team' })).toBeTruthy();
  });

  it('services without a team fold into "Other", which shows every service', () => {
    const onShowAll = vi.fn();
    const tile = inList(<FoldedTile folds={[other]} onShowAll={onShowAll} />).querySelector<HTMLElement>('[data-folded]')!;
    expect(tile.getAttribute('data-folded-team')).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Other: 2 services, all up. Show all services' }));
    expect(onShowAll).toHaveBeenCalledOnce();
  });

  it('several teams in one tile: "+N teams", every service counted, the teams named, and a click shows every service', () => {
    const onShowAll = vi.fn();
    const tile = inList(<FoldedTile folds={[search, payments, other]} merged onShowAll={onShowAll} />).querySelector<HTMLElement>('[data-folded]')!;
    expect(tile.getAttribute('data-folded')).toBe('6');
    expect(tile.getAttribute('data-folded-teams')).toBe('3');
    expect(tile.hasAttribute('data-folded-team')).toBe(false);
    expect(tile.querySelector('.tile-name')!.textContent).toBe('+3 teams');
    expect(tile.querySelector('.tile-word')!.textContent).toBe('6 up');
    expect(screen.getByText('Search, Payments, Other')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '+3 teams: 6 services, all up. Show all services' }));
    expect(onShowAll).toHaveBeenCalledOnce();
  });
});
