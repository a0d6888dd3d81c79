import { alertmanagerSource } from './alertmanager';
import { prometheusSource } from './prometheus';
import { pushSource } from './push';
import { statuspageSource } from './statuspage';
import type { SourceType } from './types';
import { webhookSource } from './webhook';

/** Every kind of source Greenboard knows. Adding one is one line here. */
export const sourceTypes = {
  push: pushSource,
  alertmanager: alertmanagerSource,
  webhook: webhookSource,
  prometheus: prometheusSource,
  statuspage: statuspageSource,
} satisfies Record<string, SourceType>;

export type SourceTypeName = keyof typeof sourceTypes;

export function getSourceType(name: string): SourceType {
  const type = (sourceTypes as Record<string, SourceType>)[name];
  if (!type) throw new Error(`no source type "${name}"`);
  return type;
}
