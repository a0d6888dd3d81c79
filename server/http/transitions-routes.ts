import { Router } from 'express';
import { TRANSITION_LIST_LIMIT, type TeamRef, type TransitionView, type TransitionsResponse } from '../../shared/api';
import type { Config } from '../config/schema';
import { badRequest } from '../errors';
import { methodNotAllowed } from './error-handler';
import type { ServiceUptimeFacts, Store } from '../store/store';
import { parseUptimeWindow } from '../uptime/window';

/** A service of the config in force, as a state change names it. */
export interface TransitionService {
  id: string;
  name: string;
  team: TeamRef | null;
}

export interface TransitionRouteDeps {
  store: Pick<Store, 'uptimeFacts'>;
  /** The config in force: its services and their teams, and `paging.timezone` for a period asked without `tz`. */
  config: () => Config;
  now: () => number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `GET /api/transitions`: every service-level status change in a period, oldest first, for the stand-up. */
export function transitionRoutes(deps: TransitionRouteDeps): Router {
  const router = Router();
  router.get('/transitions', async (req, res) => {
    const config = deps.config();
    const parsed = parseUptimeWindow(req.query, { now: deps.now(), defaultTimeZone: config.paging.timezone, oldest: 0 });
    if (!parsed.ok) throw badRequest(parsed.message);
    const team = req.query.team;
    if (team !== undefined && typeof team !== 'string') throw badRequest('team must be given once');
    // A team that has no services (a link from before it was renamed) has no changes, rather than an error.
    const services = servicesOf(config).filter((s) => !team || s.team?.id === team);
    const { window } = parsed;
    const facts = await deps.store.uptimeFacts(
      services.map((s) => s.id),
      window.from,
      window.to,
    );
    const body: TransitionsResponse = {
      window: { from: iso(window.from), to: iso(window.to), timeZone: parsed.timeZone, label: parsed.label },
      ...transitionList(services, facts, TRANSITION_LIST_LIMIT),
    };
    res.json(body);
  });
  router.all('/transitions', methodNotAllowed(['GET', 'HEAD']));
  return router;
}

/** The config's services in board order, each with its team. */
function servicesOf(config: Config): TransitionService[] {
  const teams = new Map(config.teams.map((t) => [t.id, { id: t.id, name: t.name }]));
  return config.services.map((s) => ({ id: s.id, name: s.name, team: (s.team && teams.get(s.team)) || null }));
}

/**
 * Every service's changes of status, oldest first, each with the status before it and when
 * the next came (null: it still held at the period's end). A change to the status the
 * service already had is no change. Past `limit`, the newest are kept, as the history of a
 * service keeps its newest results. Pure.
 */
export function transitionList(
  services: readonly TransitionService[],
  facts: ReadonlyMap<string, ServiceUptimeFacts>,
  limit: number,
): Pick<TransitionsResponse, 'transitions' | 'truncated'> {
  const all = services.flatMap((service) => {
    const own = facts.get(service.id);
    if (!own) return [];
    const changes: Array<{ at: number; from: TransitionView['from']; to: TransitionView['to'] }> = [];
    let before = own.statusBefore;
    for (const t of own.transitions) {
      if (t.to === before) continue;
      changes.push({ at: t.at, from: before, to: t.to });
      before = t.to;
    }
    return changes.map((change, i) => ({
      at: change.at,
      view: {
        serviceId: service.id,
        serviceName: service.name,
        team: service.team,
        from: change.from,
        to: change.to,
        at: iso(change.at),
        until: i + 1 < changes.length ? iso(changes[i + 1]!.at) : null,
      } satisfies TransitionView,
    }));
  });
  all.sort((a, b) => a.at - b.at || a.view.serviceId.localeCompare(b.view.serviceId));
  return { transitions: all.slice(Math.max(0, all.length - limit)).map((t) => t.view), truncated: all.length > limit };
}
