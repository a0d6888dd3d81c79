import { Router } from 'express';
import { z } from 'zod';
import type { IncidentsResponse, IncidentStatus } from '../../shared/api';
import type { Config } from '../config/schema';
import { badRequest } from '../errors';
import type { IncidentBook } from '../incidents/book';
import type { Store } from '../store/store';
import { timeParam } from './time-param';
import { principalOf } from '../access/guard';

const DAY_MS = 86_400_000;
/** One answer lists at most this many incidents, newest first. */
const INCIDENT_LIMIT = 500;
const STATUSES: readonly IncidentStatus[] = ['open', 'acknowledged', 'resolved'];

const ackBody = z.strictObject({
  by: z.string({ error: 'expected a name' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
});

export interface IncidentRouteDeps {
  book: () => IncidentBook;
  store: Store;
  config: () => Config;
}

/** `GET /api/incidents`, `GET /api/incidents/{id}` and `POST /api/incidents/{id}/ack`. */
export function incidentRoutes({ book, store, config }: IncidentRouteDeps): Router {
  const router = Router();
  router.get('/incidents', async (req, res) => {
    const now = Date.now();
    const to = timeParam(req.query.to, 'to', now);
    const from = timeParam(req.query.from, 'from', now - 7 * DAY_MS);
    if (from > to) throw badRequest('from must not be after to');
    if (req.query.service !== undefined && typeof req.query.service !== 'string') throw badRequest('service must be given once');
    const service = req.query.service === undefined || req.query.service === '' ? undefined : req.query.service;
    const status = req.query.status === undefined || req.query.status === '' ? undefined : req.query.status;
    if (status !== undefined && (typeof status !== 'string' || !STATUSES.includes(status as IncidentStatus)))
      throw badRequest(`status must be one of ${STATUSES.join(', ')}`);
    const own = req.query.own;
    if (own !== undefined && own !== 'true' && own !== 'false') throw badRequest('own must be true or false');
    // One more than is listed: whether there were more is part of the answer.
    const found = await store.incidents({
      from,
      to,
      serviceId: service,
      status: status as IncidentStatus | undefined,
      ownOnly: own === 'true',
      limit: INCIDENT_LIMIT + 1,
    });
    const incidents = found.slice(0, INCIDENT_LIMIT);
    const pages = await store.pagesOf(incidents.map((i) => i.id));
    const byIncident = new Map<string, typeof pages>();
    for (const page of pages) byIncident.set(page.incidentId, [...(byIncident.get(page.incidentId) ?? []), page]);
    const body: IncidentsResponse = {
      incidents: incidents.map((incident) => {
        const held = book().get(incident.id);
        return held ? book().view(held) : book().view(incident, byIncident.get(incident.id) ?? []);
      }),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      truncated: found.length > INCIDENT_LIMIT,
    };
    res.json(body);
  });
  router.get('/incidents/:id', async (req, res) => {
    res.json(await book().find(req.params.id));
  });
  router.post('/incidents/:id/ack', async (req, res) => {
    const parsed = ackBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw badRequest(`${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    // A person signed in acknowledges as themselves, whatever the body says.
    const who = principalOf(res);
    const by = who.kind === 'person' ? who.id : parsed.data.by;
    const person = by === undefined ? undefined : config().people.find((p) => p.id === by || p.name === by);
    const name = person?.name ?? (who.kind === 'person' ? who.name : by) ?? (who.kind === 'api' ? `API token "${who.name}"` : 'someone');
    res.json(await book().acknowledge(req.params.id, { by: name, personId: person?.id ?? null, via: 'api' }));
  });
  return router;
}
