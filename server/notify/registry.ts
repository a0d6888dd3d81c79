import { emailNotifier } from './email';
import { ntfyNotifier } from './ntfy';
import { pagerdutyNotifier } from './pagerduty';
import { slackNotifier } from './slack';
import type { NotifierType } from './types';
import { webhookNotifier } from './webhook';

/** Every channel pages can leave by. Adding one is one line here. */
export const notifierTypes = {
  webhook: webhookNotifier,
  slack: slackNotifier,
  email: emailNotifier,
  pagerduty: pagerdutyNotifier,
  ntfy: ntfyNotifier,
} satisfies Record<string, NotifierType>;

export type NotifierTypeName = keyof typeof notifierTypes;

export function getNotifierType(name: string): NotifierType {
  const type = (notifierTypes as Record<string, NotifierType>)[name];
  if (!type) throw new Error(`no notifier type "${name}"`);
  return type;
}
