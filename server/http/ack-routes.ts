import { Router, type Response } from 'express';
import type { Config } from '../config/schema';
import { AppError } from '../errors';
import type { IncidentBook } from '../incidents/book';
import { verifyAckToken } from '../notify/ack-link';
import { ackConfirmPage, ackDonePage, ackRefusedPage } from './ack-page';

export interface AckRouteDeps {
  book: () => IncidentBook;
  config: () => Config;
  /** The key acknowledge links are signed with. */
  ackKey: () => string;
}

const REFUSED: Record<'malformed' | 'tampered' | 'expired', [string, string]> = {
  malformed: ['This link is not valid', 'The link is incomplete or was changed. Open the incident from the board instead.'],
  tampered: ['This link is not valid', 'The link was changed after it was sent. Open the incident from the board instead.'],
  expired: ['This link has expired', 'Acknowledge links work for a limited time. Open the incident from the board instead.'],
};

function html(res: Response, status: number, body: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').send(body);
}

/**
 * The signed one-click link in every page: `GET /ack/{token}` shows the incident with an
 * Acknowledge button, `POST /ack/{token}` acknowledges it. It works from a phone without
 * signing in; a tampered or expired link is a 403 and changes nothing.
 */
export function ackRoutes({ book, config, ackKey }: AckRouteDeps): Router {
  const router = Router();
  const verified = (token: string, res: Response) => {
    const key = ackKey();
    if (key === '') {
      html(res, 503, ackRefusedPage('Starting up', 'Greenboard is starting. Try the link again in a few seconds.'));
      return null;
    }
    const check = verifyAckToken(token, key, Date.now());
    if (check.ok) return check;
    const [title, explanation] = REFUSED[check.reason];
    html(res, 403, ackRefusedPage(title, explanation));
    return null;
  };
  router.get('/ack/:token', async (req, res) => {
    const link = verified(req.params.token, res);
    if (!link) return;
    const incident = await book()
      .find(link.incidentId)
      .catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) return null;
        throw error;
      });
    if (!incident) return html(res, 404, ackRefusedPage('No such incident', 'The incident this link is for no longer exists.'));
    html(res, 200, ackConfirmPage(incident, req.originalUrl, config().paging.boardUrl));
  });
  router.post('/ack/:token', async (req, res) => {
    const link = verified(req.params.token, res);
    if (!link) return;
    const person = link.personId === null ? undefined : config().people.find((p) => p.id === link.personId);
    const boardUrl = config().paging.boardUrl;
    try {
      const incident = await book().acknowledge(link.incidentId, {
        by: person?.name ?? link.personId ?? 'someone with the link',
        personId: person?.id ?? null,
        via: 'link',
      });
      html(res, 200, ackDonePage(incident, boardUrl));
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      html(res, error.status, ackRefusedPage(error.status === 409 ? 'Already resolved' : 'No such incident', error.message));
    }
  });
  return router;
}
