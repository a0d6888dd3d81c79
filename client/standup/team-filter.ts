import type { TeamRef } from '../../shared/api';
import { compareNames } from '../natural-order';

/** Every team that owns one of these rows, once each, by name. */
export function teamsPresent(rows: ReadonlyArray<{ team: TeamRef | null }>): TeamRef[] {
  const byId = new Map<string, TeamRef>();
  for (const { team } of rows) if (team && !byId.has(team.id)) byId.set(team.id, team);
  return [...byId.values()].sort((a, b) => compareNames(a.name, b.name));
}

/** The rows of one team (by id), or all of them when none is chosen. */
export function ofTeam<T extends { team: TeamRef | null }>(rows: readonly T[], teamId: string | null): T[] {
  return teamId === null ? [...rows] : rows.filter((row) => row.team?.id === teamId);
}

/**
 * The incidents that touched one team (by id): its own services', and those of another
 * team's service that its services were impacted by (a database outage is the checkout
 * team's stand-up too). All of them when none is chosen.
 */
export function incidentsOfTeam<T extends { team: TeamRef | null; impacted: readonly string[] }>(
  incidents: readonly T[],
  teamId: string | null,
  teamOfService: (serviceId: string) => string | null,
): T[] {
  if (teamId === null) return [...incidents];
  return incidents.filter((incident) => incident.team?.id === teamId || incident.impacted.some((id) => teamOfService(id) === teamId));
}
