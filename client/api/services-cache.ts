import type { BoardNotice, ServiceView, ServicesResponse, TeamOncallView } from '../../shared/api';
import type { OncallUpdatePayload, Sequenced, ServiceUpdatePayload, SnapshotPayload } from '../../shared/events';
import { decideDelta, type DeltaDecision } from '../../shared/sequence';

/** What the services query holds: the list, and the (epoch, seq) it is current to. */
export interface BoardData extends ServicesResponse {
  /** Position in the server's delta stream; null when the data came from REST, not a snapshot. */
  held: Sequenced | null;
  /** Every team's on-call, as the last snapshot and `oncall:update` told it; empty when no team has a schedule (or the data came from REST). */
  oncall?: TeamOncallView[];
}

/** What applying one delta did, and the data to keep afterwards. */
export interface DeltaOutcome {
  /** The ordering decision for the delta. */
  decision: DeltaDecision;
  /** The data after the delta; the same object as before unless it was applied. */
  data: BoardData | undefined;
}

/** REST data has no place in the delta stream, so any delta waits for a snapshot. */
export function fromResponse(response: ServicesResponse): BoardData {
  return { services: response.services, generatedAt: response.generatedAt, notices: response.notices ?? [], oncall: [], held: null };
}

/** A snapshot replaces everything, unless it is older than what is already held. */
export function applySnapshot(current: BoardData | undefined, snapshot: SnapshotPayload): BoardData {
  const held = current?.held;
  if (current && held && held.epoch === snapshot.epoch && snapshot.seq < held.seq) return current;
  return {
    services: snapshot.services,
    generatedAt: snapshot.generatedAt,
    notices: snapshot.notices ?? [],
    oncall: snapshot.oncall ?? [],
    held: { epoch: snapshot.epoch, seq: snapshot.seq },
  };
}

/**
 * The server's notices as a heartbeat tells them: they are state, not deltas, so the
 * latest word wins whatever its seq. The same object comes back when nothing changed,
 * so the board does not render again every two seconds.
 */
export function applyNotices(current: BoardData | undefined, notices: readonly BoardNotice[] = []): BoardData | undefined {
  if (!current || JSON.stringify(current.notices ?? []) === JSON.stringify(notices)) return current;
  return { ...current, notices: [...notices] };
}

/**
 * Teams whose on-call changed, whole: each replaces the team with the same id, or joins
 * the list. State, not a delta, so it takes no seq; a board that missed one has it again
 * from the next snapshot. Nothing is held before the first snapshot or REST answer.
 */
export function applyOncallUpdate(current: BoardData | undefined, update: OncallUpdatePayload): BoardData | undefined {
  if (!current || update.teams.length === 0) return current;
  // A Map keeps first-insertion order: changed teams stay in place, new ones come last.
  const byId = new Map((current.oncall ?? []).map((team) => [team.team.id, team]));
  for (const team of update.teams) byId.set(team.team.id, team);
  return { ...current, oncall: [...byId.values()] };
}

export function applyDelta(current: BoardData | undefined, delta: ServiceUpdatePayload): DeltaOutcome {
  const decision = decideDelta(current?.held ?? null, delta);
  if (decision !== 'apply' || current === undefined) return { decision, data: current };
  return {
    decision,
    data: {
      ...current,
      services: upsertServices(current.services, delta.services),
      held: { epoch: delta.epoch, seq: delta.seq },
    },
  };
}

/** Replaces each service with the changed one of the same id; new ones are appended. */
export function upsertServices(services: readonly ServiceView[], changed: readonly ServiceView[]): ServiceView[] {
  const byId = new Map(changed.map((service) => [service.id, service]));
  const next = services.map((service) => {
    const replacement = byId.get(service.id);
    byId.delete(service.id);
    return replacement ?? service;
  });
  return [...next, ...byId.values()];
}
