import type { EventBus } from '../engine/bus';
import type { BoardServer } from '../realtime/gateway';
import type { InstanceView, PeerViews } from './peer-views';
import type { ClusterLink } from './redis-link';
import { isObject } from './relay';

const VIEW_EVENT = 'greenboard:view';
/** How often each instance tells its view even unchanged: a new instance has them all within this. */
export const VIEW_REFRESH_MS = 5_000;
/** A source's health changes with every message it takes: told at most this often for that. */
const HEALTH_GAP_MS = 1_000;
/** A view not told again within this is forgotten: its instance stopped, died or was cut off. */
export const VIEW_TTL_MS = 3 * VIEW_REFRESH_MS;

function isInstanceView(value: unknown): value is InstanceView {
  return (
    isObject(value) &&
    typeof value.instance === 'string' &&
    Array.isArray(value.sources) &&
    Array.isArray(value.unmapped) &&
    Array.isArray(value.paging) &&
    value.sources.every((s) => isObject(s) && typeof s.id === 'string' && isObject(s.health)) &&
    value.paging.every((n) => isObject(n) && typeof n.code === 'string' && typeof n.message === 'string' && typeof n.since === 'string')
  );
}

/**
 * Each instance tells the others what only it can see (its sources' health, the alerts
 * they hold that fit no service, its notifiers' failures) when that changes and every few
 * seconds, and keeps theirs in `peers`; `cluster.peers` says when what the boards show of
 * them changed. So a board on any instance shows every notice, and `GET /api/sources` the
 * health of every source, wherever it runs.
 */
export function attachViewExchange(deps: {
  io: BoardServer;
  link: ClusterLink;
  bus: EventBus;
  peers: PeerViews;
  /** What this instance sees now. */
  own: () => InstanceView;
  refreshMs?: number;
}) {
  const { io, link, bus, peers } = deps;
  let pending: ReturnType<typeof setImmediate> | undefined;
  let healthTimer: ReturnType<typeof setTimeout> | undefined;
  const tell = () => {
    clearImmediate(pending);
    clearTimeout(healthTimer);
    pending = healthTimer = undefined;
    if (link.connected()) io.serverSideEmit(VIEW_EVENT, deps.own());
  };
  // At the end of the turn: the changes of one turn are told once.
  const soon = () => void (pending ??= setImmediate(tell));
  const later = () => void (healthTimer ??= setTimeout(tell, HEALTH_GAP_MS));
  const changed = () => bus.emit('cluster.peers', peers.seen());
  const offs = [
    bus.on('alerts.unmapped', soon),
    bus.on('paging.health', soon),
    bus.on('source.message', later),
    bus.on('cluster.health', (problem) => problem === null && soon()),
  ];
  io.on(VIEW_EVENT, (view: unknown) => {
    if (isInstanceView(view) && peers.take(view)) changed();
  });
  const timer = setInterval(() => {
    tell();
    if (peers.prune()) changed();
  }, deps.refreshMs ?? VIEW_REFRESH_MS);
  timer.unref();
  return {
    stop(): void {
      clearInterval(timer);
      clearImmediate(pending);
      clearTimeout(healthTimer);
      for (const off of offs) off();
      io.removeAllListeners(VIEW_EVENT);
    },
  };
}
