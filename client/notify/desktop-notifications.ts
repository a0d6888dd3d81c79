import type { QueryClient } from '@tanstack/react-query';
import type { ServiceView } from '../../shared/api';
import type { BoardData } from '../api/services-cache';
import { servicesQuery } from '../api/services';
import { pickedServices } from './picked-services';
import { statusChanges, type StatusChange } from './status-changes';

/** What shows a notification; the browser's `Notification` in the page, a fake in tests. */
export type Notify = (change: StatusChange) => void;

/** Shows a change as a desktop notification, one per service (a newer one replaces it), opening its page when clicked. */
export const browserNotify: Notify = (change) => {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notification = new Notification(change.title, { body: change.body, tag: `greenboard-${change.serviceId}` });
  notification.onclick = () => {
    window.focus();
    window.location.assign(`/services/${encodeURIComponent(change.serviceId)}`);
  };
};

/**
 * Follows the board's data in the query cache (kept live by the socket) and notifies each
 * status change of a service this browser picked. Returns a function that stops it.
 */
export function connectDesktopNotifications({ queryClient, notify = browserNotify }: { queryClient: QueryClient; notify?: Notify }): () => void {
  let last: readonly ServiceView[] | undefined = queryClient.getQueryData(servicesQuery().queryKey)?.services;
  return queryClient.getQueryCache().subscribe((event) => {
    const key = event.query.queryKey as readonly unknown[];
    if (event.type !== 'updated' || key[0] !== servicesQuery().queryKey[0]) return;
    const data = event.query.state.data as BoardData | undefined;
    if (!data || data.services === last) return;
    for (const change of statusChanges(last, data.services, pickedServices())) notify(change);
    last = data.services;
  });
}
