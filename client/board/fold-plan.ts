import type { ServiceView, TeamRef } from '../../shared/api';
import { compareNames } from '../natural-order';

/** A team's healthy services, shown as one tile ("Payments · 14 up"); `team` null for services that have none ("Other"). */
export interface TeamFold {
  team: TeamRef | null;
  /** In wall order. */
  services: ServiceView[];
  /** Set when the team's first healthy services keep tiles of their own: this one holds the rest ("9 more up"). */
  partial?: boolean;
}

/** What a wall shows at one level of folding, in screen order: own tiles, then team tiles, then one tile for the rest. */
export interface WallTiles {
  /** Services with a tile of their own, in wall order: every problem, always. */
  tiles: ServiceView[];
  /** One tile per team whose healthy services are folded, by team name ("Other" last). */
  teams: TeamFold[];
  /** Teams folded further into one "+N teams, all up" tile; empty when there is none. */
  more: TeamFold[];
}

/** The name a fold goes by on the wall. */
export const foldName = (fold: TeamFold): string => fold.team?.name ?? 'Other';

/** Only a service that is up and not impacted may lose its own tile: problems, maintenance and impacted services never fold. */
export const isFoldable = (service: ServiceView): boolean => service.status === 'up' && service.impactedBy.length === 0;

/** Team tiles in screen order: by name, services without a team last. */
const screenOrder = (a: TeamFold, b: TeamFold) => (a.team === null ? 1 : 0) - (b.team === null ? 1 : 0) || compareNames(foldName(a), foldName(b));

/**
 * Every way a wall can fold, least first. Level 0 folds nothing. Each next level folds
 * one more healthy service of the team with the most of them (it frees the most room):
 * its last two into a team tile, then three, until the tile holds the whole team; then
 * the next team likewise. A team of one frees nothing by folding and keeps its tile.
 * Once every team is folded, each next level merges one more trailing tile (a team's,
 * or a lone healthy service's) into the "+N teams" tile, until that tile holds every
 * healthy service. Each level thus frees one grid cell more than the one before. Pure.
 */
export class FoldLevels {
  /** How many levels there are; the last folds the most. */
  readonly count: number;
  private readonly kept: ServiceView[];
  /** The healthy services, in wall order. */
  private readonly foldable: ServiceView[];
  private readonly groups: TeamFold[];
  /** Teams in the order they fold. */
  private readonly folding: TeamFold[];
  /** Levels that fold teams, before tiles merge. */
  private readonly teamLevels: number;

  constructor(sorted: readonly ServiceView[]) {
    const byTeam = new Map<string, TeamFold>();
    this.kept = [];
    this.foldable = [];
    for (const service of sorted) {
      if (!isFoldable(service)) {
        this.kept.push(service);
        continue;
      }
      this.foldable.push(service);
      const key = service.team === null ? '' : `#${service.team.id}`;
      const group = byTeam.get(key) ?? { team: service.team, services: [] };
      group.services.push(service);
      byTeam.set(key, group);
    }
    this.groups = [...byTeam.values()].sort(screenOrder);
    this.folding = this.groups.filter((g) => g.services.length > 1).sort((a, b) => b.services.length - a.services.length || screenOrder(a, b));
    this.teamLevels = this.folding.reduce((n, g) => n + g.services.length - 1, 0);
    const units = this.groups.length;
    this.count = 1 + this.teamLevels + (units > 1 ? units - 1 : 0);
  }

  /** The tiles at `level` (0 ≤ level < count). */
  at(level: number): WallTiles {
    if (level <= this.teamLevels) return this.foldTeams(level);
    // Every team is folded: merge the trailing tiles, lone services before team tiles, into one.
    const lone = this.groups.filter((g) => g.services.length === 1);
    const units = [...lone, ...[...this.folding].sort(screenOrder)];
    const cut = units.length - (level - this.teamLevels + 1);
    const stay = units.slice(0, cut);
    const single = new Set(stay.filter((g) => g.services.length === 1).flatMap((g) => g.services));
    return {
      tiles: [...this.kept, ...this.foldable.filter((s) => single.has(s))],
      teams: stay.filter((g) => g.services.length > 1),
      more: units.slice(cut).sort(screenOrder),
    };
  }

  /** The first `level` services folded, team by team; the last team folded may keep its first services. */
  private foldTeams(level: number): WallTiles {
    const teams: TeamFold[] = [];
    let left = level;
    for (const group of this.folding) {
      if (left <= 0) break;
      const size = group.services.length;
      // Folding n services into one tile frees n - 1 cells.
      const n = Math.min(size, left + 1);
      teams.push(n === size ? group : { team: group.team, services: group.services.slice(size - n), partial: true });
      left -= size - 1;
    }
    const folded = new Set(teams.flatMap((t) => t.services));
    return { tiles: [...this.kept, ...this.foldable.filter((s) => !folded.has(s))], teams: teams.sort(screenOrder), more: [] };
  }
}
