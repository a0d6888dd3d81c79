import type { ServiceView } from '../../shared/api';
import type { ConnectionState } from '../api/connection';
import { APP_NAME } from '../board/summary';

/**
 * "Checkout API — down · Greenboard" ("— up, impacted" when a dependency is down);
 * "(stale) …" when the connection is lost, so a
 * background tab never claims a state it cannot vouch for. `null`: no such service.
 */
export function servicePageTitle(service: ServiceView | null | undefined, state: ConnectionState): string {
  if (service === undefined || state === 'connecting') return APP_NAME;
  if (service === null) return `No such service · ${APP_NAME}`;
  const status = service.impactedBy.length > 0 ? `${service.status}, impacted` : service.status;
  const title = `${service.name} — ${status} · ${APP_NAME}`;
  return state === 'stale' ? `(stale) ${title}` : title;
}
