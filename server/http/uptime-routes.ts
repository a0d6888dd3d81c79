import { Router } from 'express';
import type { ServiceUptimeResponse, ServiceUptimeView, SloView, TeamRef, UptimeFiguresView, UptimeResponse, UptimeWindowView } from '../../shared/api';
import { badRequest, notFound } from '../errors';
import type { SloConfig } from '../uptime/config';
import { calendarDays } from '../uptime/days';
import { uptimeFigures } from '../uptime/figures';
import type { Interval, UptimeFigures } from '../uptime/model';
import { boardFigures, dataFrom, narrowInput, uptimeInputs, type UptimeSources } from '../uptime/report';
import { sloViews } from '../uptime/slo-report';
import { parseUptimeWindow } from '../uptime/window';

export interface UptimeRouteDeps extends UptimeSources {
  /** The services of the config in force, in board order, each with its objective (null when it has none). */
  services: () => UptimeService[];
  /** The zone days are counted in when the asker names none. */
  defaultTimeZone: () => string;
}

type UptimeService = { id: string; name: string; team: TeamRef | null; slo: SloConfig | null };

const DEFAULT_WINDOW = '30d';

/** `GET /api/uptime` and `GET /api/services/{id}/uptime`. */
export function uptimeRoutes(deps: UptimeRouteDeps): Router {
  const router = Router();

  // One `now` per request: the asked window and the objectives' windows end at the same instant, so a 30d question answers 30d objectives too.
  const windowOf = (query: Record<string, unknown>, now: number) => {
    const asked = query.window === undefined && query.from === undefined && query.to === undefined ? { ...query, window: DEFAULT_WINDOW } : query;
    const parsed = parseUptimeWindow(asked, { now, defaultTimeZone: deps.defaultTimeZone(), oldest: 0 });
    // The message names the parameter and what it takes.
    if (!parsed.ok) throw badRequest(parsed.message);
    return parsed;
  };
  const windowView = (parsed: { window: Interval; timeZone: string; label: string }, monitored: readonly Interval[]): UptimeWindowView => {
    const begins = dataFrom(monitored, parsed.window);
    return {
      from: iso(parsed.window.from),
      to: iso(parsed.window.to),
      timeZone: parsed.timeZone,
      label: parsed.label,
      dataFrom: begins === null ? null : iso(begins),
    };
  };

  router.get('/uptime', async (req, res) => {
    const now = deps.now();
    const parsed = windowOf(req.query, now);
    const services = deps.services();
    const inputs = await uptimeInputs(
      deps,
      services.map((s) => s.id),
      parsed.window,
    );
    const { figures, overall } = boardFigures(inputs);
    const slos = await sloViews(deps, services, now, inputs);
    const monitored = inputs.values().next().value?.monitored ?? [];
    const body: UptimeResponse = {
      window: windowView(parsed, monitored),
      overall,
      services: services.map((s) => serviceView(s, figures.get(s.id)!, slos.get(s.id) ?? null)),
    };
    res.json(body);
  });

  router.get('/services/:id/uptime', async (req, res) => {
    const service = deps.services().find((s) => s.id === req.params.id);
    if (!service) throw notFound(`service ${req.params.id}`);
    const buckets = req.query.buckets;
    if (buckets !== undefined && buckets !== 'day') throw badRequest('buckets must be day, or left out');
    const now = deps.now();
    const parsed = windowOf(req.query, now);
    const inputs = await uptimeInputs(deps, [service.id], parsed.window);
    const input = inputs.get(service.id)!;
    const slo = (await sloViews(deps, [service], now, inputs)).get(service.id) ?? null;
    const body: ServiceUptimeResponse = { window: windowView(parsed, input.monitored), service: serviceView(service, uptimeFigures(input), slo) };
    if (buckets === 'day') {
      body.days = calendarDays(parsed.window, parsed.timeZone).map((day) => ({
        day: day.day,
        from: iso(day.from),
        to: iso(day.to),
        ...figuresView(uptimeFigures(narrowInput(input, day))),
      }));
    }
    res.json(body);
  });

  return router;
}

const iso = (ms: number) => new Date(ms).toISOString();

function figuresView(f: UptimeFigures): UptimeFiguresView {
  return {
    uptime: f.uptime,
    degraded: f.degraded,
    monitoredMs: f.monitoredMs,
    upMs: f.durations.up,
    degradedMs: f.durations.degraded,
    downMs: f.durations.down,
    unknownMs: f.durations.unknown,
    maintenanceMs: f.durations.maintenance,
    incidents: f.incidents,
    longestOutageMs: f.longestOutageMs,
    mttrMs: f.mttrMs,
    mttaMs: f.mttaMs,
    countedFrom: iso(f.countedFrom),
  };
}

function serviceView(service: UptimeService, f: UptimeFigures, slo: SloView | null): ServiceUptimeView {
  return { serviceId: service.id, name: service.name, team: service.team, ...figuresView(f), slo };
}
