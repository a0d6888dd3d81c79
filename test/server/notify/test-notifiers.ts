import { z } from 'zod';
import { defineNotifier, type NotifierType } from '../../../server/notify/types';

/** An email channel as a test needs one: a shared sender, and a route's own `to` or the person's address. */
export const testEmail = defineNotifier({
  type: 'email',
  configSchema: z.strictObject({ type: z.literal('email'), from: z.email({ error: 'expected the sender address' }) }),
  targetSchema: z.strictObject({ to: z.email({ error: 'expected an email address' }).optional() }),
  problem: (_config, target, contact) => (target.to || contact.email ? null : 'no address: give `to`, or the person a contact.email'),
  address: (_config, target, contact) => target.to ?? contact.email ?? '',
  send: () => Promise.resolve(),
  secrets: () => [],
});

/** A topic channel (ntfy-like): every route names its topic. */
export const testTopic = defineNotifier({
  type: 'topic',
  configSchema: z.strictObject({ type: z.literal('topic'), server: z.url({ error: 'expected the server address' }) }),
  targetSchema: z.strictObject({
    topic: z.string({ error: 'expected a topic' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'a topic uses only letters, digits, "-" and "_"'),
    priority: z.number({ error: 'expected a number from 1 to 5' }).int().min(1).max(5).default(3),
  }),
  problem: () => null,
  address: (_config, target) => `topic ${target.topic}`,
  send: () => Promise.resolve(),
  secrets: () => [],
});

export const testNotifierTypes: Record<string, NotifierType> = { email: testEmail, topic: testTopic };
