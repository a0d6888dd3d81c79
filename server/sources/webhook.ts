import { z } from 'zod';
import { AppError } from '../errors';
import { nonEmpty, slug } from '../config/fields';
import { defineSourceType } from './types';
import { webhookHandler } from './webhook-endpoint';
import { parseWebhookReports } from './webhook-payload';

const configSchema = z.strictObject({
  type: z.literal('webhook'),
  /** Sent as `Authorization: Bearer …`; from the environment (`${VAR}`). */
  token: nonEmpty.min(16, 'must be at least 16 characters: anyone who knows it can report'),
  /** The services it may report on; each gets an entry, and a report on any other is refused. */
  services: z
    .array(slug, { error: 'expected a list of service ids' })
    .min(1, 'must name at least one service')
    .refine((ids) => new Set(ids).size === ids.length, 'names a service twice'),
});

/**
 * A generic JSON webhook for systems with no adapter of their own: `{ "service",
 * "status", "message" }` or a list of them. Until its first report on a service, that
 * entry reads "nothing received yet" (unknown); after a restart, the last report stored.
 */
export const webhookSource = defineSourceType({
  type: 'webhook',
  configSchema,
  services: (config, board) => config.services.filter((id) => board.includes(id)),
  secrets: (config) => [config.token],
  address: () => ({ kind: 'webhook' }),
  start(config, context) {
    let stopped = false;
    const receive = (body: unknown) => {
      const parsed = parseWebhookReports(body, context.services, config.id);
      if (!parsed.ok) throw new AppError('bad_request', parsed.problem, { status: 400 });
      if (stopped) return;
      const at = context.now();
      for (const [serviceId, observation] of parsed.value)
        context.report(serviceId, observation, at).catch((error: unknown) => {
          context.log.error({ err: error, serviceId }, 'could not record a webhook report');
        });
    };
    return {
      handle: webhookHandler({ token: config.token, receive }, context),
      stop: async () => {
        stopped = true;
      },
    };
  },
});
