import type { BoardNotice, UnmappedAlertView } from '../../shared/api';
import type { StoreProblem } from '../store/store';
import type { ClusterProblem } from '../engine/bus';

const NAMED_ALERTS = 3;

/** "ServiceDown (service=billing)": an alert as people tell it apart, by name and the label that failed to map. */
function alertLabel(alert: UnmappedAlertView): string {
  const service = alert.labels.service;
  return service === undefined ? alert.alertname : `${alert.alertname} (service=${service})`;
}

function unmappedNotice(unmapped: readonly UnmappedAlertView[]): BoardNotice {
  const names = [...new Set(unmapped.map(alertLabel))].sort();
  const named = names.slice(0, NAMED_ALERTS).join(', ') + (names.length > NAMED_ALERTS ? ` and ${names.length - NAMED_ALERTS} more` : '');
  const count = unmapped.length === 1 ? '1 alert fits' : `${unmapped.length} alerts fit`;
  const since = Math.min(...unmapped.map((alert) => Date.parse(alert.startsAt ?? alert.lastSeenAt)).filter(Number.isFinite));
  return {
    code: 'unmapped-alerts',
    message: `${count} no service on this board: ${named}.`,
    since: new Date(Number.isFinite(since) ? since : Date.now()).toISOString(),
  };
}

/** The same failure seen by several instances is one notice, since the first of them saw it. Pure. */
export function mergePaging(...lists: ReadonlyArray<readonly BoardNotice[]>): BoardNotice[] {
  const byText = new Map<string, BoardNotice>();
  for (const notice of lists.flat()) {
    const key = `${notice.code}\n${notice.message}`;
    const seen = byText.get(key);
    if (!seen || notice.since < seen.since) byText.set(key, notice);
  }
  return [...byText.values()];
}

/**
 * What every board shows above its tiles: notifiers failing to deliver pages, a view cut
 * off from the other instances, the store's write problem, and the alerts that fit no service, so none is silently dropped. Pure.
 */
export function boardNotices(
  storeProblem: StoreProblem | null,
  unmapped: readonly UnmappedAlertView[] = [],
  paging: readonly BoardNotice[] = [],
  cluster: ClusterProblem | null = null,
): BoardNotice[] {
  // A pager that fails is the worst of them: nobody hears of anything else either.
  const notices: BoardNotice[] = [...paging];
  if (cluster) {
    notices.push({
      code: 'partial-view',
      message: `Partial view: this server cannot reach the others (${cluster.reason}). Services they check show as unknown until it can.`,
      since: new Date(cluster.since).toISOString(),
    });
  }
  if (storeProblem) {
    notices.push({
      code: 'history-not-saved',
      message: `History is not being saved: ${storeProblem.reason}. Statuses on the board stay live.`,
      since: new Date(storeProblem.since).toISOString(),
    });
  }
  if (unmapped.length > 0) notices.push(unmappedNotice(unmapped));
  return notices;
}
