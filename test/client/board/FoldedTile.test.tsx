import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FoldedTile } from '../../../client/board/FoldedTile';
import { service } from '../fixtures';

afterEach(cleanup);

describe('FoldedTile', () => {
  const folded = [service('web-1', 'up', { name: 'Web 1' }), service('web-2', 'up', { name: 'Web 2' }), service('web-3', 'up', { name: 'Web 3' })];

  it('says how many services it holds, that they are all up (word and shape), and names them', () => {
    const { container } = render(
      <ul>
        <FoldedTile services={folded} onShowAll={() => {}} />
      </ul>,
    );
    const tile = container.querySelector<HTMLElement>('[data-folded]')!;
    expect(tile.getAttribute('data-folded')).toBe('3');
    expect(tile.hasAttribute('data-service')).toBe(false); // not a service: scripts counting tiles are not misled
    expect(screen.getByText('+3 more')).toBeTruthy();
    expect(screen.getByText('All up')).toBeTruthy();
    expect(tile.querySelector('svg[data-shape="circle"]')).not.toBeNull();
    expect(screen.getByText('Web 1, Web 2, Web 3')).toBeTruthy();
  });

  it('opens the whole list when clicked', () => {
    const onShowAll = vi.fn();
    render(
      <ul>
        <FoldedTile services={folded} onShowAll={onShowAll} />
      </ul>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show all 3 more services, all up' }));
    expect(onShowAll).toHaveBeenCalledOnce();
  });
});
