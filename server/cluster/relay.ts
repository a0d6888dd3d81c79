import type { HistoryResult, IncidentView } from '../../shared/api';
import { EVENTS } from '../../shared/events';
import type { Observation } from '../checks/types';
import type { EventBus } from '../engine/bus';
import type { Engine, MirroredService } from '../engine/engine';
import { AppError } from '../errors';
import type { Acknowledger, IncidentBook } from '../incidents/book';
import type { Incident, Page } from '../incidents/model';
import type { Logger } from '../log';
import type { PersonShift } from '../oncall/now-next';
import type { LayerReading } from '../oncall/roster';
import { shiftsFromJson, shiftsToJson } from '../oncall/shift-json';
import type { BoardServer } from '../realtime/gateway';
import { serviceRoom } from '../realtime/service-rooms';
import { historyResult } from '../store/history-json';
import type { ClusterLink } from './redis-link';

/** What the instances tell each other, by event name. */
const RELAY = {
  /** Services' states and their checks' latest results, from the instance that runs them. */
  services: 'greenboard:services',
  /** An incident as the instance that decides it has it, with its pages. */
  incident: 'greenboard:incident',
  /** A push or webhook's observation, for the instance that runs the service. */
  observe: 'greenboard:observe',
  /** An acknowledgement, for the instance that decides the incident. */
  ack: 'greenboard:ack',
  /** Maintenance windows made or ended through the API: read them again. */
  maintenance: 'greenboard:maintenance',
  /** A board or API token revoked: close its sockets. */
  revoke: 'greenboard:revoke',
  /** What an on-call feed said, from the instance that leads its team. */
  oncall: 'greenboard:oncall',
} as const;

interface ServicesMessage {
  states: MirroredService[];
  results: Array<{ serviceId: string; result: HistoryResult }>;
}

type AckAnswer = { view: IncidentView } | { error: { code: string; message: string; status: number } } | null;

export interface RelayDeps {
  io: BoardServer;
  link: ClusterLink;
  bus: EventBus;
  log: Logger;
  /** The engine of the config in force. */
  engine: () => Engine;
  book: IncidentBook;
  /** Reads the maintenance windows again from the store. */
  reloadMaintenance: () => Promise<void>;
  /** Closes this instance's sockets of a revoked token. */
  revokeSockets: (tokenId: string) => void;
  /** Takes what another instance read of an on-call feed. */
  learnOncall: (reading: LayerReading) => void;
  /** How long changes gather before they are told (default 100 ms): one message for a storm. */
  batchMs?: number;
}

/** Whether a message from another instance is an object at all, before its fields are checked. */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Keeps every instance's board whole: the instance that runs a service tells the others
 * each change of it (gathered for `batchMs`), and each instance shows them to the boards
 * connected to it; what arrives at an instance that does not run the service (a push, an
 * acknowledgement) is handed to the one that does. Everything goes through the Socket.IO
 * adapter's server-side events. Messages come from the other instances only, but are
 * still checked for shape: a bad one is dropped, never trusted.
 */
export function attachRelay(deps: RelayDeps) {
  const { io, link, bus, log, book } = deps;
  const batchMs = deps.batchMs ?? 100;
  /** Per service run here, the checks with results not yet told ('all': the whole service). */
  let dirty = new Map<string, Set<string> | 'all'>();
  let results: ServicesMessage['results'] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let immediate: ReturnType<typeof setImmediate> | undefined;
  let lastPromptAt = -Infinity;

  const send = (event: string, ...args: unknown[]) => {
    if (link.connected()) io.serverSideEmit(event, ...args);
  };
  const flush = () => {
    clearTimeout(timer);
    clearImmediate(immediate);
    timer = immediate = undefined;
    const engine = deps.engine();
    const states = [...dirty].flatMap(([id, checks]) => {
      const state = engine.owns(id) ? engine.stateOf(id) : null;
      if (!state) return [];
      // Only the checks that changed: a result costs its own check, not the whole service.
      return [checks === 'all' ? state : { ...state, checks: state.checks.filter((c) => checks.has(c.id)) }];
    });
    const message: ServicesMessage = { states, results };
    dirty = new Map();
    results = [];
    if (states.length > 0 || message.results.length > 0) send(RELAY.services, message);
  };
  const mark = (serviceId: string, checkId?: string) => {
    const checks = dirty.get(serviceId) ?? new Set<string>();
    if (checks !== 'all' && checkId) checks.add(checkId);
    dirty.set(serviceId, checks);
  };
  /** A routine result: told with the others gathered over `batchMs`. */
  const later = () => {
    timer ??= setTimeout(flush, batchMs);
  };
  /**
   * A change a board shows: told at the end of this turn, not after the batch, unless one
   * was told that promptly less than `batchMs` ago — then a storm, gathered as the rest.
   */
  const soon = () => {
    if (immediate) return;
    if (Date.now() - lastPromptAt < batchMs) return later();
    lastPromptAt = Date.now();
    immediate = setImmediate(flush);
  };
  const offs = [
    bus.on('check.result', ({ serviceId, result }) => {
      if (!deps.engine().owns(serviceId)) return;
      mark(serviceId, result.checkId);
      // An ok result's details are not history (see Store.writeResult): the others need not carry them.
      results.push({ serviceId, result: historyResult(result.outcome === 'ok' ? { ...result, details: null } : result) });
      later();
    }),
    bus.on('service.changed', (view) => {
      if (!deps.engine().owns(view.id)) return;
      mark(view.id);
      soon();
    }),
    bus.on('incident.changed', (view) => {
      const incident = book.get(view.id);
      if (!incident || !book.owns(incident.serviceId)) return;
      // The change that opened or closed it is due this turn: told first, it reaches the
      // others' boards at once, not after their gap behind a delta for the incident alone.
      if (immediate) flush();
      send(RELAY.incident, { incident, pages: book.pagesOf(incident.id) });
    }),
    // Back in touch: every service this instance runs is told whole, for what the others missed.
    bus.on('cluster.health', (problem) => {
      if (problem) return;
      const engine = deps.engine();
      for (const id of engine.serviceIds()) if (engine.owns(id)) dirty.set(id, 'all');
      later();
    }),
  ];

  io.on(RELAY.services, (message: unknown) => {
    if (!isObject(message) || !Array.isArray(message.states) || !Array.isArray(message.results)) return;
    const engine = deps.engine();
    for (const state of message.states as unknown[]) {
      if (isObject(state) && typeof state.serviceId === 'string' && Array.isArray(state.checks)) engine.mirror(state as unknown as MirroredService);
    }
    for (const item of message.results as unknown[]) {
      if (!isObject(item) || typeof item.serviceId !== 'string') continue;
      const room = serviceRoom(item.serviceId);
      if (io.sockets.adapter.rooms.get(room)?.size) io.local.to(room).emit(EVENTS.checkResult, item as unknown as ServicesMessage['results'][number]);
    }
  });
  io.on(RELAY.incident, (message: unknown) => {
    if (!isObject(message) || !isObject(message.incident) || !Array.isArray(message.pages)) return;
    book.adopt(message.incident as unknown as Incident, message.pages as Page[]);
  });
  io.on(RELAY.observe, (message: unknown, answer: unknown) => {
    const reply = typeof answer === 'function' ? (answer as (recorded: boolean) => void) : () => undefined;
    if (!isObject(message) || typeof message.serviceId !== 'string' || typeof message.checkId !== 'string' || typeof message.at !== 'number')
      return reply(false);
    const engine = deps.engine();
    if (!engine.owns(message.serviceId)) return reply(false);
    engine.record(message.serviceId, message.checkId, message.observation as Observation, message.at).then(
      () => reply(true),
      (error: unknown) => {
        log.warn({ err: error, serviceId: message.serviceId }, 'could not record an observation another instance handed over');
        reply(false);
      },
    );
  });
  io.on(RELAY.ack, (message: unknown, answer: unknown) => {
    const reply = typeof answer === 'function' ? (answer as (a: AckAnswer) => void) : () => undefined;
    if (!isObject(message) || typeof message.id !== 'string' || !isObject(message.who)) return reply(null);
    const incident = book.get(message.id);
    if (!incident || !book.owns(incident.serviceId)) return reply(null);
    book.acknowledge(message.id, message.who as unknown as Acknowledger).then(
      (view) => reply({ view }),
      (error: unknown) =>
        reply({
          error: {
            code: error instanceof AppError ? error.code : 'internal',
            message: (error as Error).message,
            status: error instanceof AppError ? error.status : 500,
          },
        }),
    );
  });
  io.on(RELAY.maintenance, () => {
    deps
      .reloadMaintenance()
      .catch((error: unknown) => log.warn({ err: error }, 'could not read maintenance windows again after another instance changed them'));
  });
  io.on(RELAY.oncall, (reading: unknown) => {
    if (!isObject(reading) || typeof reading.teamId !== 'string' || typeof reading.layer !== 'string') return;
    const shifts = typeof reading.shifts === 'string' ? shiftsFromJson<PersonShift>(reading.shifts) : null;
    deps.learnOncall({ ...(reading as unknown as LayerReading), shifts });
  });
  io.on(RELAY.revoke, (tokenId: unknown) => {
    if (typeof tokenId === 'string') deps.revokeSockets(tokenId);
  });

  /** Asks every other instance and takes the first answer that is not null; null when none gave one in time. */
  async function ask<T>(event: string, payload: unknown): Promise<T | null> {
    if (!link.connected()) return null;
    try {
      const answers = (await io.serverSideEmitWithAck(event, payload)) as unknown[];
      return (answers.find((a) => a !== null && a !== false) as T | undefined) ?? null;
    } catch {
      return null; // an instance did not answer within the adapter's request timeout: taken as nobody
    }
  }

  return {
    /** Hands an observation to the instance running its service; false when none took it. */
    async forward(serviceId: string, checkId: string, observation: Observation, at: number): Promise<boolean> {
      return (await ask<boolean>(RELAY.observe, { serviceId, checkId, observation, at })) === true;
    },
    /** Hands an acknowledgement to the instance deciding the incident: its answer, or null when none took it. */
    async forwardAck(id: string, who: Acknowledger): Promise<IncidentView | null> {
      const answer = await ask<Exclude<AckAnswer, null>>(RELAY.ack, { id, who });
      if (!answer) return null;
      if ('error' in answer) throw new AppError(answer.error.code, answer.error.message, { status: answer.error.status });
      return answer.view;
    },
    /** Tells the others that maintenance windows changed. */
    maintenanceChanged(): void {
      send(RELAY.maintenance);
    },
    /** Tells the others what an on-call feed this instance leads said. */
    toldOncall(reading: LayerReading): void {
      // As text: a shift without an end would not survive the adapter's JSON otherwise.
      send(RELAY.oncall, { ...reading, shifts: reading.shifts === null ? null : shiftsToJson(reading.shifts) });
    },
    /** Tells the others that a token was revoked. */
    revoked(tokenId: string): void {
      send(RELAY.revoke, tokenId);
    },
    stop(): void {
      clearTimeout(timer);
      clearImmediate(immediate);
      for (const off of offs) off();
      for (const event of Object.values(RELAY)) io.removeAllListeners(event);
    },
  };
}

export type Relay = ReturnType<typeof attachRelay>;
