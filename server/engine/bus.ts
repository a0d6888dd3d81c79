import type { BoardNotice, IncidentView, ServiceView, TeamOncallView, UnmappedAlertView } from '../../shared/api';
import type { StoredResult, StoreProblem } from '../store/store';
import type { PeersSeen } from '../cluster/peer-views';

/** Why an instance cannot hear from the others, and since when (epoch ms). */
export interface ClusterProblem {
  reason: string;
  since: number;
}

/** Internal events, named `entity.verb`. */
export interface BusEvents {
  /** Something a board shows of this service changed. */
  'service.changed': ServiceView;
  /** A check's result was recorded (already redacted), with the check's type; a source's report is one too, with `origin: 'source'` and the source's type. */
  'check.result': { serviceId: string; type: string; origin: 'check' | 'source'; result: StoredResult };
  /** A source took a message or a poll's answer (`accepted`), or refused one or failed to poll (`rejected`). */
  'source.message': { sourceId: string; type: string; outcome: 'accepted' | 'rejected' };
  /** A message came to a push token or webhook id that no source in force has. */
  'source.unaddressed': { kind: 'push' | 'webhook' };
  /** Whether history can be saved changed: the problem now, or null when writes work again. */
  'store.health': StoreProblem | null;
  /** The alerts held by the alert sources that fit no service on the board, after a change. */
  'alerts.unmapped': UnmappedAlertView[];
  /** The teams whose on-call changed (a handoff, a schedule read anew), whole. */
  'oncall.changed': TeamOncallView[];
  /** An incident opened, was paged, acknowledged or resolved: the incident whole. */
  'incident.changed': IncidentView;
  /** The notifiers whose deliveries are failing now, as notices (empty when all work). */
  'paging.health': BoardNotice[];
  /** Whether this instance hears from the other instances: the problem now, or null when it does (or works alone). */
  'cluster.health': ClusterProblem | null;
  /** What the other instances see that this one cannot (their sources' unmapped alerts, their notifiers' failures) changed. */
  'cluster.peers': PeersSeen;
}

type Listener<T> = (payload: T) => void;

/** A tiny synchronous publish/subscribe bus between the engine and its outputs. */
export class EventBus<Events extends object = BusEvents> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => set.delete(listener);
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as Listener<Events[K]>)(payload);
  }
}
