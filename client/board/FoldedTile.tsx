import { Link } from '../Link';
import { BOARD_PATH } from '../paths';
import { foldName, type TeamFold } from './fold-plan';
import { StatusShape } from './StatusShape';
import { foldCount, foldTitle } from './tile-profile';

export interface FoldedTileProps {
  /** One team's healthy services ("Payments · 14 up"), or several teams' ("+3 teams"), in screen order. */
  folds: readonly TeamFold[];
  /** Whether the tile holds several teams. */
  merged?: boolean;
  /** Shows every service, scrolling, instead of fitting the screen. */
  onShowAll: () => void;
}

/** The board's own view of one team: `/?team={id}`. */
const teamViewPath = (teamId: string): string => `${BOARD_PATH}?team=${encodeURIComponent(teamId)}`;

/**
 * One tile for healthy services that do not fit on the screen: a team's, which opens that
 * team's view of the board; or, when even team tiles do not fit, the last teams' together,
 * and services without a team ("Other"), which show every service on this screen.
 */
export function FoldedTile({ folds, merged = false, onShowAll }: FoldedTileProps) {
  const count = folds.reduce((n, f) => n + f.services.length, 0);
  const title = foldTitle(folds, merged);
  const team = merged ? null : folds[0]!.team;
  const services = `${count} ${folds[0]!.partial ? 'more ' : ''}services, all up`;
  const label = team ? `${title}: ${services}. Show the team` : `${title}: ${services}. Show all services`;
  return (
    <li
      className="tile tile-folded"
      data-folded={count}
      data-folded-team={merged ? undefined : (team?.id ?? '')}
      data-folded-teams={merged ? folds.length : undefined}
    >
      <h2 className="tile-name">
        {/* Stretched over the tile by CSS, like a service tile's link. */}
        {team ? (
          <Link className="tile-link" href={teamViewPath(team.id)} aria-label={label}>
            {title}
          </Link>
        ) : (
          <button type="button" className="tile-link" onClick={onShowAll} aria-label={label}>
            {title}
          </button>
        )}
      </h2>
      <p className="tile-status">
        <StatusShape status="up" className="tile-shape" />
        <span className="tile-word">{foldCount(folds)}</span>
      </p>
      {/* What a large tile has room for: which teams, or which services; a small one cuts it. */}
      <p className="tile-message">{(merged ? folds.map(foldName) : folds[0]!.services.map((s) => s.name)).join(', ')}</p>
    </li>
  );
}
