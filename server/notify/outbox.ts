import type { BoardNotice } from '../../shared/api';
import type { Page } from '../incidents/model';
import type { Logger } from '../log';
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './backoff';
import { DeliveryError, type NotifierType, type PageMessage } from './types';
import type { Contact } from '../../shared/api';

/** Everything needed to send one page under the config in force. */
export interface Delivery {
  type: NotifierType;
  config: Record<string, unknown>;
  target: Record<string, unknown>;
  contact: Contact;
  message: PageMessage;
  /** Masks the notifier's secrets in what the receiver said. */
  redact(text: string): string;
}

export interface OutboxDeps {
  log: Logger;
  now?: () => number;
  random?: () => number;
  /**
   * What a page needs to be sent; or why it cannot be any more (`error`: its route left the
   * config, which is a paging problem); or why it need not be (`cancel`: its incident ended
   * first, which is not).
   */
  prepare(page: Page): Delivery | { error: string } | { cancel: string } | { elsewhere: true };
  /** Saves a page's new delivery state. */
  save(page: Page): Promise<void>;
  /** Told the notices for channels whose deliveries fail, whenever that changes. */
  onHealth(notices: BoardNotice[]): void;
  /** The longest one attempt may take; default 10 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Deliveries in flight at once on one channel; default 8, so the pages of a storm's causes leave together. */
  perChannel?: number;
}

/** A channel is shown failing after this many failures in a row, or once a page is given up. */
const FAILURES_SHOWN = 2;

interface ChannelState {
  running: number;
  waiting: Page[];
  failuresInRow: number;
  givenUp: boolean;
  lastError: string | null;
  failingSince: number | null;
  type: string;
}

/**
 * Sends pages, each channel with its own queue, so a notifier that hangs or fails holds up
 * neither the checks nor the other channels. Each attempt is bounded by a timeout; a
 * failed one is tried again with exponential backoff and jitter, and its state saved after
 * every attempt, so a restart carries on from the store.
 */
export class Outbox {
  private readonly channels = new Map<string, ChannelState>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;
  private notices = '[]';

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  /**
   * Sends a page now, or when its next attempt is due. A page already held here (waiting,
   * in flight, or waiting to retry) is not taken twice: the store lists a page being sent
   * as unfinished, and reading it again must not send it again.
   */
  enqueue(page: Page): void {
    if (this.stopped || this.held.has(page.id)) return;
    this.held.add(page.id);
    this.queue(page);
  }

  /** Pages taken and not yet sent or given up, by id. */
  private readonly held = new Set<string>();

  private queue(page: Page): void {
    if (this.stopped) return;
    const wait = (page.nextAttemptAt ?? 0) - this.now();
    if (wait > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.queue({ ...page, nextAttemptAt: null });
      }, wait);
      this.timers.add(timer);
      return;
    }
    const channel = this.channel(page);
    channel.waiting.push(page);
    this.pump(page.channel);
  }

  /** Stops sending: waiting pages stay in the store as they are, and the next start sends them. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    this.held.clear();
  }

  private channel(page: Page): ChannelState {
    let state = this.channels.get(page.channel);
    if (!state) {
      state = { running: 0, waiting: [], failuresInRow: 0, givenUp: false, lastError: null, failingSince: null, type: page.channelType };
      this.channels.set(page.channel, state);
    }
    return state;
  }

  private pump(channelId: string): void {
    const channel = this.channels.get(channelId)!;
    while (!this.stopped && channel.running < (this.deps.perChannel ?? 8) && channel.waiting.length > 0) {
      const page = channel.waiting.shift()!;
      channel.running += 1;
      void this.attempt(page)
        .catch((error: unknown) => {
          this.held.delete(page.id);
          this.deps.log.error({ err: error, page: page.id }, 'a page could not be sent or saved');
        })
        .finally(() => {
          channel.running -= 1;
          this.pump(channelId);
        });
    }
  }

  private async attempt(page: Page): Promise<void> {
    const delivery = this.deps.prepare(page);
    // Another instance now runs the incident's service: it sends the page, from the store.
    if ('elsewhere' in delivery) return void this.held.delete(page.id);
    if ('cancel' in delivery) {
      this.held.delete(page.id);
      await this.deps.save({ ...page, status: 'failed', nextAttemptAt: null, lastError: delivery.cancel });
      return;
    }
    if ('error' in delivery) {
      await this.finish(page, { ...page, status: 'failed', nextAttemptAt: null, lastError: delivery.error });
      return;
    }
    const timeoutMs = this.deps.timeoutMs ?? 10_000;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(
      () => controller.abort(new DeliveryError(`no answer within ${timeoutMs < 1_000 ? `${timeoutMs}ms` : `${Math.round(timeoutMs / 1_000)}s`}`, true)),
      timeoutMs,
    );
    const attempts = page.attempts + 1;
    try {
      await delivery.type.send(delivery.config, delivery.target, delivery.message, {
        contact: delivery.contact,
        signal: controller.signal,
        timeoutMs,
        log: this.deps.log,
        now: this.now,
      });
      await this.finish(page, { ...page, status: 'sent', attempts, sentAt: this.now(), nextAttemptAt: null, lastError: null });
    } catch (thrown) {
      if (this.stopped) return;
      const error = thrown instanceof DeliveryError ? thrown : new DeliveryError(thrown instanceof Error ? thrown.message : String(thrown), true);
      const reason = delivery.redact(error.message);
      const more = error.retryable && attempts < this.retry.maxAttempts;
      const nextAttemptAt = more ? this.now() + retryDelay(attempts, this.retry, this.random(), error.retryAfterMs) : null;
      await this.finish(page, { ...page, status: more ? 'retrying' : 'failed', attempts, nextAttemptAt, lastError: reason });
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  private async finish(before: Page, after: Page): Promise<void> {
    this.noteHealth(after);
    // A retry is due whether or not its state could be saved: the store failing must not also silence the pager.
    if (after.status === 'retrying') this.queue(after);
    else this.held.delete(after.id);
    try {
      await this.deps.save(after);
    } catch (error) {
      this.deps.log.error({ err: error, page: after.id }, 'could not save the state of a page; it is sent or retried all the same');
    }
    if (after.status === 'failed') {
      this.deps.log.warn({ page: after.id, channel: after.channel, attempts: after.attempts, reason: after.lastError }, 'a page was given up');
    } else if (after.status === 'retrying' && before.status !== 'retrying') {
      this.deps.log.info({ page: after.id, channel: after.channel, reason: after.lastError }, 'a page failed; trying again');
    }
  }

  private noteHealth(page: Page): void {
    const channel = this.channel(page);
    if (page.status === 'sent') {
      Object.assign(channel, { failuresInRow: 0, givenUp: false, lastError: null, failingSince: null });
    } else {
      channel.failuresInRow += 1;
      channel.givenUp ||= page.status === 'failed';
      channel.lastError = page.lastError;
      channel.failingSince ??= this.now();
    }
    const notices: BoardNotice[] = [...this.channels.entries()]
      .filter(([, c]) => c.givenUp || c.failuresInRow >= FAILURES_SHOWN)
      .map(([id, c]) => ({
        code: 'paging-failing',
        message: `Paging via ${c.type} (${id}) is failing: ${c.lastError ?? 'unknown error'}. Pages may not reach anyone.`,
        since: new Date(c.failingSince ?? this.now()).toISOString(),
      }));
    const text = JSON.stringify(notices);
    if (text === this.notices) return;
    this.notices = text;
    this.deps.onHealth(notices);
  }
}
