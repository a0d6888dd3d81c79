import type { ServiceView } from '../../shared/api';
import type { Status } from '../../shared/status';
import { STATUS_WORD } from '../board/status-text';

/** One change worth a desktop notification: a picked service's status moved. */
export interface StatusChange {
  serviceId: string;
  name: string;
  from: Status;
  to: Status;
  /** The title of the notification: "Checkout API is down". */
  title: string;
  /** Its body: why, in the check's own words, or what it is now. */
  body: string;
}

/**
 * The status changes of the picked services between two views of the board. A service
 * not in `before` (the first view after loading, a reconnect's snapshot for a new
 * service) is not a change: nothing is notified for what was already so. Pure.
 */
export function statusChanges(before: readonly ServiceView[] | undefined, after: readonly ServiceView[], picked: ReadonlySet<string>): StatusChange[] {
  if (!before || picked.size === 0) return [];
  const was = new Map(before.map((s) => [s.id, s.status]));
  const changes: StatusChange[] = [];
  for (const service of after) {
    const from = was.get(service.id);
    if (!picked.has(service.id) || from === undefined || from === service.status) continue;
    const reason = service.checks.find((c) => c.status === service.status && c.message)?.message;
    changes.push({
      serviceId: service.id,
      name: service.name,
      from,
      to: service.status,
      title: `${service.name} is ${STATUS_WORD[service.status].toLowerCase()}`,
      body: reason ?? `It was ${STATUS_WORD[from].toLowerCase()}.`,
    });
  }
  return changes;
}
