import { createServer } from 'node:net';
import type { Contact } from '../../../shared/api';
import type { DeliveryContext, PageMessage } from '../../../server/notify/types';
import { capturingLogger } from '../../helpers/log-lines';

/** 2026-11-20 14:02:00 UTC. */
export const OPENED_AT = Date.UTC(2026, 10, 20, 14, 2);

/** One page as the escalation would hand it over: Checkout API down, its primary on call paged. */
export function samplePage(fields: Partial<PageMessage> = {}): PageMessage {
  return {
    kind: 'trigger',
    incidentId: 'inc-20261120-0007',
    dedupKey: 'greenboard-inc-20261120-0007',
    deliveryId: 'page-7f3a9c1e',
    service: { id: 'checkout', name: 'Checkout API' },
    team: { id: 'payments', name: 'Payments' },
    step: 'primary',
    recipient: { kind: 'person', id: 'alice', name: 'Alice Liddell' },
    title: 'Checkout API is down',
    reason: 'health: expected status 200, got 503\nport: connection refused',
    impacted: ['Storefront', 'Mobile API'],
    openedAt: OPENED_AT,
    resolvedAt: null,
    serviceUrl: 'https://status.example.com/services/checkout',
    ackUrl: 'https://status.example.com/ack/inc-20261120-0007?sig=3b1f0c9e2d',
    runbookUrl: 'https://wiki.example.com/runbooks/checkout',
    ...fields,
  };
}

/** The same incident's resolve, twelve minutes later. */
export function sampleResolve(fields: Partial<PageMessage> = {}): PageMessage {
  return samplePage({
    kind: 'resolve',
    deliveryId: 'page-8b21d4f0',
    title: 'Checkout API is back up',
    resolvedAt: OPENED_AT + 12 * 60_000,
    ackUrl: null,
    ...fields,
  });
}

/** What a notifier is given to send, with a log the test may read. */
export function deliveryContext(options: { timeoutMs?: number; signal?: AbortSignal; contact?: Contact } = {}): DeliveryContext {
  return {
    contact: options.contact ?? { email: 'alice@example.com', slack: '@alice' },
    signal: options.signal ?? new AbortController().signal,
    timeoutMs: options.timeoutMs ?? 5_000,
    log: capturingLogger().log,
    now: () => OPENED_AT + 10_000,
  };
}

/** A port on 127.0.0.1 that nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The DeliveryError a promise rejected with; fails the test when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<Error & { retryable: boolean; retryAfterMs?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { retryable: boolean; retryAfterMs?: number };
  }
  throw new Error('expected the delivery to fail, it succeeded');
}
