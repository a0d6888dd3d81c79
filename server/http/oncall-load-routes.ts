import { Router } from 'express';
import type { OncallLoadPersonView, OncallLoadResponse, PeriodView, TeamRef } from '../../shared/api';
import type { Config } from '../config/schema';
import { badRequest } from '../errors';
import { methodNotAllowed } from './error-handler';
import type { Logger } from '../log';
import { hoursOf } from '../notify/routing';
import { oncallLoad, type PersonLoad } from '../oncall/load';
import { periodShifts, type PeriodSchedules } from '../oncall/load-shifts';
import { layerSpecs } from '../oncall/specs';
import type { Store } from '../store/store';
import { SharedAnswers } from '../uptime/shared-answers';
import { parseUptimeWindow } from '../uptime/window';

export interface OncallLoadRouteDeps {
  store: Pick<Store, 'incidents' | 'pagesOf'>;
  /** The config in force: its teams' schedules, people, working hours and services' owners. */
  config: () => Config;
  log: Logger;
  now: () => number;
}

/** Incidents read for one answer, newest first: past this the answer says it is `truncated`. */
const INCIDENT_LIMIT = 5_000;
/** Schedules are asked of their providers (a scheduler's API, rate-limited) at most this often for the same period. */
const SCHEDULES_KEPT_MS = 60_000;
/** The longest one layer's provider is given to answer for the period, all its requests together. */
const SCHEDULE_WAIT_MS = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** `GET /api/oncall/load`: each person's time on call, pages and time to acknowledge over a period. */
export function oncallLoadRoutes(deps: OncallLoadRouteDeps): Router {
  const router = Router();
  const schedules = new SharedAnswers<PeriodSchedules>({ ttlMs: SCHEDULES_KEPT_MS, maxKeys: 50 });

  router.get('/oncall/load', async (req, res) => {
    const config = deps.config();
    const parsed = parseUptimeWindow(req.query, { now: deps.now(), defaultTimeZone: config.paging.timezone, oldest: 0 });
    if (!parsed.ok) throw badRequest(parsed.message);
    const { window } = parsed;
    const specs = layerSpecs(config);
    // The layers as configured are in the key: a reload that changes a schedule asks again.
    const key = JSON.stringify([window.from, window.to, specs.map((s) => s.key)]);
    const [read, listed] = await Promise.all([
      schedules.get(key, () =>
        periodShifts(specs, window, { people: config.people, log: deps.log, now: deps.now, signal: AbortSignal.timeout(SCHEDULE_WAIT_MS) }),
      ),
      deps.store.incidents({ from: window.from, to: window.to, limit: INCIDENT_LIMIT + 1 }),
    ]);
    const incidents = listed.slice(0, INCIDENT_LIMIT);
    const pages = await deps.store.pagesOf(incidents.map((i) => i.id));
    const teamOfService = ownersOf(config);
    const paging = { hours: config.paging.workingHours, timeZone: config.paging.timezone };
    const load = oncallLoad({
      window,
      layers: read.layers,
      incidents: incidents.map((i) => ({ id: i.id, team: teamOfService.get(i.serviceId) ?? null, openedAt: i.openedAt, acknowledged: i.acknowledged })),
      pages,
      people: config.people,
      // A person is judged by the hours the pager routes their pages by: their own, else `paging:`'s.
      hoursOfPerson: (person) => (person.id === null ? paging : hoursOf({ kind: 'person', id: person.id }, config)),
      hoursOfTeam: (teamId) => (teamId === null ? paging : hoursOf({ kind: 'team', id: teamId }, config)),
    });
    const period: PeriodView = { from: iso(window.from), to: iso(window.to), timeZone: parsed.timeZone, label: parsed.label };
    const body: OncallLoadResponse = {
      window: period,
      people: load.people.map(personView),
      schedules: read.schedules,
      incidents: load.incidents,
      truncated: listed.length > INCIDENT_LIMIT,
    };
    res.json(body);
  });
  router.all('/oncall/load', methodNotAllowed(['GET', 'HEAD']));
  return router;
}

/** Each service's owning team, by service id. */
function ownersOf(config: Config): Map<string, TeamRef> {
  const teams = new Map(config.teams.map((t) => [t.id, { id: t.id, name: t.name }]));
  return new Map(config.services.flatMap((s) => (s.team && teams.has(s.team) ? [[s.id, teams.get(s.team)!] as const] : [])));
}

function personView({ person, hours, teams, ...figures }: PersonLoad): OncallLoadPersonView {
  return { person, workingHours: { days: [...hours.hours.days], from: hours.hours.from, to: hours.hours.to, timeZone: hours.timeZone }, ...figures, teams };
}
