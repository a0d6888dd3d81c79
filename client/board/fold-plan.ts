import type { ServiceView, TeamRef } from '../../shared/api';
import { compareNames } from '../natural-order';

/** A team's healthy services, shown as one tile ("Payments · 14 up"); `team` null for services that have none ("Other"). */
export interface TeamFold {
  team: TeamRef | null;
  /** In wall order. */
  services: ServiceView[];
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
 * Every way a wall can fold, least first: level 0 folds nothing; each next level folds
 * one more team (the one with the most healthy services first, as it frees the most
 * room; a team of one frees none and keeps its tile); once every team is folded, each
 * next level merges one more trailing tile (a team's, or a lone healthy service's) into
 * the "+N teams" tile, until that tile holds every healthy service. Pure.
 */
export class FoldLevels {
  /** How many levels there are; the last folds the most. */
  readonly count: number;
  private readonly kept: ServiceView[];
  private readonly groups: TeamFold[];
  /** Teams in the order they fold. */
  private readonly folding: TeamFold[];
  private readonly wallOrder: (a: ServiceView, b: ServiceView) => number;

  constructor(sorted: readonly ServiceView[]) {
    const byTeam = new Map<string, TeamFold>();
    const index = new Map(sorted.map((s, i) => [s, i]));
    this.wallOrder = (a, b) => index.get(a)! - index.get(b)!;
    this.kept = [];
    for (const service of sorted) {
      if (!isFoldable(service)) {
        this.kept.push(service);
        continue;
      }
      const key = service.team === null ? '' : `#${service.team.id}`;
      const group = byTeam.get(key) ?? { team: service.team, services: [] };
      group.services.push(service);
      byTeam.set(key, group);
    }
    this.groups = [...byTeam.values()].sort(screenOrder);
    this.folding = this.groups.filter((g) => g.services.length > 1).sort((a, b) => b.services.length - a.services.length || screenOrder(a, b));
    const units = this.groups.length;
    this.count = 1 + this.folding.length + (units > 1 ? units - 1 : 0);
  }

  /** The tiles at `level` (0 ≤ level < count). */
  at(level: number): WallTiles {
    const folded = new Set(this.folding.slice(0, level));
    const lone = this.groups.filter((g) => !folded.has(g));
    const teams = this.groups.filter((g) => folded.has(g));
    const merged = level - this.folding.length;
    if (merged <= 0) return { tiles: [...this.kept, ...this.inWallOrder(lone)], teams, more: [] };
    // Every team is folded: merge the trailing tiles, lone services before team tiles, into one.
    const units = [...lone, ...teams];
    const cut = units.length - (merged + 1);
    const stay = units.slice(0, cut);
    return {
      tiles: [...this.kept, ...this.inWallOrder(stay.filter((g) => g.services.length === 1))],
      teams: stay.filter((g) => g.services.length > 1),
      more: units.slice(cut),
    };
  }

  /** The services of groups left unfolded, in the order the wall sorted them (healthy ones come last in it). */
  private inWallOrder(groups: readonly TeamFold[]): ServiceView[] {
    return groups.flatMap((g) => g.services).sort(this.wallOrder);
  }
}
