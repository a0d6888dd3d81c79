import { Router } from 'express';
import type { ServiceUptimeResponse, ServiceUptimeView, SloView, TeamRef, UptimeFiguresView, UptimeResponse, UptimeWindowView } from '../../shared/api';
import { badRequest, notFound } from '../errors';
import type { SloConfig } from '../uptime/config';
import { calendarDays } from '../uptime/days';
import { uptimeFigures } from '../uptime/figures';
import type { Interval, UptimeFigures } from '../uptime/model';
import { SharedAnswers } from '../uptime/shared-answers';
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

/** How long one answer serves everyone asking the same. */
const SHARED_ANSWER_MS = 5_000;
const MAX_DAYS_MS = 400 * 86_400_000;

/** `GET /api/uptime` and `GET /api/services/{id}/uptime`. */
export function uptimeRoutes(deps: UptimeRouteDeps): Router {
  const router = Router();

  // One `now` per request: the asked window and the objectives' windows end at the same instant, so a 30d question answers 30d objectives too.
  const windowOf = (query: Record<string, unknown>, now: number) => {
    const parsed = parseUptimeWindow(query, { now, defaultTimeZone: deps.defaultTimeZone(), oldest: 0 });
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

  // Every board asks again at the same instant after a status change: one answer serves all
  // asking the same within a few seconds (a figure over days moves by less than it shows).
  const answers = new SharedAnswers<unknown>({ ttlMs: SHARED_ANSWER_MS, maxKeys: 200 });
  const keyOf = (path: string, query: Record<string, unknown>) => `${path}?${JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)))}`;

  router.get('/uptime', async (req, res) => {
    const now = deps.now();
    const parsed = windowOf(req.query, now);
    res.json(await answers.get(keyOf(req.path, req.query), () => boardAnswer(parsed, now)));
  });

  const boardAnswer = async (parsed: ReturnType<typeof windowOf>, now: number): Promise<UptimeResponse> => {
    const services = deps.services();
    const inputs = await uptimeInputs(
      deps,
      services.map((s) => s.id),
      parsed.window,
    );
    const { figures, overall } = boardFigures(inputs);
    const slos = await sloViews(deps, services, now, inputs, figures);
    const monitored = inputs.values().next().value?.monitored ?? [];
    return {
      window: windowView(parsed, monitored),
      overall,
      services: services.map((s) => serviceView(s, figures.get(s.id)!, slos.get(s.id) ?? null)),
    };
  };

  router.get('/services/:id/uptime', async (req, res) => {
    const service = deps.services().find((s) => s.id === req.params.id);
    if (!service) throw notFound(`service ${req.params.id}`);
    const buckets = req.query.buckets;
    if (buckets !== undefined && buckets !== 'day') throw badRequest('buckets must be day, or left out');
    const now = deps.now();
    const parsed = windowOf(req.query, now);
    // Each day is worked out on its own: a year of them is plenty for one answer.
    if (buckets === 'day' && parsed.window.to - parsed.window.from > MAX_DAYS_MS)
      throw badRequest('buckets=day covers at most 400 days: ask for a shorter window');
    res.json(await answers.get(keyOf(req.path, req.query), () => serviceAnswer(service, parsed, now, buckets === 'day')));
  });

  const serviceAnswer = async (
    service: ReturnType<UptimeRouteDeps['services']>[number],
    parsed: ReturnType<typeof windowOf>,
    now: number,
    days: boolean,
  ): Promise<ServiceUptimeResponse> => {
    const inputs = await uptimeInputs(deps, [service.id], parsed.window);
    const input = inputs.get(service.id)!;
    const figures = uptimeFigures(input);
    const slo = (await sloViews(deps, [service], now, inputs, new Map([[service.id, figures]]))).get(service.id) ?? null;
    const body: ServiceUptimeResponse = { window: windowView(parsed, input.monitored), service: serviceView(service, figures, slo) };
    if (days) {
      body.days = calendarDays(parsed.window, parsed.timeZone).map((day) => ({
        day: day.day,
        from: iso(day.from),
        to: iso(day.to),
        ...figuresView(uptimeFigures(narrowInput(input, day))),
      }));
    }
    return body;
  };

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
