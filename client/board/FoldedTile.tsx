import type { ServiceView } from '../../shared/api';
import { StatusShape } from './StatusShape';

export interface FoldedTileProps {
  /** The up services that have no tile of their own, in wall order. */
  services: readonly ServiceView[];
  /** Shows every service, scrolling, instead of fitting the screen. */
  onShowAll: () => void;
}

/** One tile for the healthy services that do not fit on the screen: how many, and which. */
export function FoldedTile({ services, onShowAll }: FoldedTileProps) {
  return (
    <li className="tile tile-folded" data-folded={services.length}>
      <h2 className="tile-name">
        {/* Stretched over the tile by CSS, like a service tile's link. */}
        <button type="button" className="tile-link" onClick={onShowAll} aria-label={`Show all ${services.length} more services, all up`}>
          +{services.length} more
        </button>
      </h2>
      <p className="tile-status">
        <StatusShape status="up" className="tile-shape" />
        <span className="tile-word">All up</span>
      </p>
      <p className="tile-message">{services.map((s) => s.name).join(', ')}</p>
    </li>
  );
}
