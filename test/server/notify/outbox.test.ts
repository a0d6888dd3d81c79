import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BoardNotice } from '../../../shared/api';
import type { Page } from '../../../server/incidents/model';
import { silentLogger } from '../../../server/log';
import { retryDelay } from '../../../server/notify/backoff';
import { Outbox, type Delivery } from '../../../server/notify/outbox';
import { defineNotifier, DeliveryError, type PageMessage } from '../../../server/notify/types';
import { waitFor } from '../../helpers/wait';

function page(id: string, channel = 'mail'): Page {
  return {
    id,
    incidentId: 'i1',
    kind: 'trigger',
    step: 'primary',
    recipient: { kind: 'person', id: 'alice', name: 'Alice' },
    channel,
    channelType: 'email',
    route: 0,
    address: 'alice@example.com',
    status: 'pending',
    attempts: 0,
    createdAt: 0,
    sentAt: null,
    nextAttemptAt: null,
    lastError: null,
  };
}

/** A channel whose answers the test scripts, one per attempt; it keeps what it was asked to send. */
function scripted(answers: Array<'ok' | 'retry' | 'refuse' | 'hang'>) {
  const sent: string[] = [];
  const type = defineNotifier({
    type: 'scripted',
    configSchema: z.object({ type: z.literal('scripted') }),
    targetSchema: z.object({}),
    problem: () => null,
    address: () => 'scripted',
    secrets: () => [],
    send: async (_config, _target, message, context) => {
      const answer = answers.shift() ?? 'ok';
      sent.push(message.deliveryId);
      if (answer === 'hang') return new Promise((_resolve, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason as Error)));
      if (answer === 'retry') throw new DeliveryError('answered 503 secret-token-123', true);
      if (answer === 'refuse') throw new DeliveryError('answered 404', false);
    },
  });
  return { type, sent };
}

function outbox(answers: Array<'ok' | 'retry' | 'refuse' | 'hang'>, options: { save?: (p: Page) => Promise<void>; timeoutMs?: number } = {}) {
  const { type, sent } = scripted(answers);
  const saved: Page[] = [];
  const notices: BoardNotice[][] = [];
  const box = new Outbox({
    log: silentLogger(),
    random: () => 0.5,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 },
    timeoutMs: options.timeoutMs ?? 1_000,
    prepare: (p): Delivery => ({
      type,
      config: { type: 'scripted' },
      target: {},
      contact: {},
      message: { deliveryId: p.id } as PageMessage,
      redact: (text) => text.replaceAll('secret-token-123', '***'),
    }),
    save: options.save ?? (async (p) => void saved.push(p)),
    onHealth: (n) => notices.push(n),
  });
  return { box, sent, saved, notices };
}

describe('the outbox', () => {
  it('retries a failure that may pass, then records the page as sent', async () => {
    const { box, sent, saved } = outbox(['retry', 'ok']);
    box.enqueue(page('p1'));
    await waitFor(() => saved.find((p) => p.status === 'sent'), 'the page sent');
    expect(sent).toEqual(['p1', 'p1']);
    expect(saved.map((p) => [p.status, p.attempts])).toEqual([
      ['retrying', 1],
      ['sent', 2],
    ]);
    expect(saved[0]!.lastError).toBe('answered 503 ***');
  });

  it('takes a page it holds only once: read again from the store while in flight or waiting to retry, it is not sent twice', async () => {
    const { box, sent, saved } = outbox(['hang', 'retry', 'ok'], { timeoutMs: 50 });
    box.enqueue(page('p1'));
    box.enqueue(page('p1')); // in flight
    await waitFor(() => saved.find((p) => p.status === 'retrying'), 'the first attempt timed out');
    box.enqueue({ ...page('p1'), status: 'retrying', attempts: 1 }); // waiting to retry
    await waitFor(() => saved.find((p) => p.status === 'sent'), 'the page sent');
    expect(sent).toEqual(['p1', 'p1', 'p1']);
    // Once sent, the same page read again (a restart before its state was saved) is sent again, as before.
    box.enqueue(page('p1'));
    await waitFor(() => sent.length === 4, 'sent again');
  });

  it('gives up at once on a refusal that will not pass, and after the last attempt otherwise', async () => {
    const refused = outbox(['refuse']);
    refused.box.enqueue(page('p1'));
    await waitFor(() => refused.saved.find((p) => p.status === 'failed'), 'given up');
    expect(refused.sent).toHaveLength(1);
    const failing = outbox(['retry', 'retry', 'retry', 'ok']);
    failing.box.enqueue(page('p2'));
    await waitFor(() => failing.saved.find((p) => p.status === 'failed'), 'given up');
    expect(failing.sent).toHaveLength(3);
  });

  it('shows a channel as failing after two failures in a row, and no more after a delivery', async () => {
    const { box, saved, notices } = outbox(['retry', 'retry', 'ok']);
    box.enqueue(page('p1'));
    await waitFor(() => saved.find((p) => p.status === 'sent'), 'the page sent');
    expect(notices.map((n) => n.map((x) => x.code))).toEqual([['paging-failing'], []]);
    expect(notices[0]![0]!.message).toContain('Paging via email (mail) is failing: answered 503 ***');
  });

  it('bounds an attempt by its timeout, and one channel hanging holds up no other', async () => {
    const { box, saved } = outbox(['hang', 'ok'], { timeoutMs: 50 });
    box.enqueue(page('slow', 'hook'));
    box.enqueue(page('fast', 'mail'));
    await waitFor(() => saved.find((p) => p.id === 'fast' && p.status === 'sent'), 'the other channel’s page sent');
    await waitFor(() => saved.find((p) => p.id === 'slow' && p.status === 'retrying'), 'the hung attempt given up and retried');
    expect(saved.find((p) => p.id === 'slow')!.lastError).toBe('no answer within 50ms');
  });

  it('retries even when the state of a failed attempt cannot be saved', async () => {
    let saves = 0;
    const sentPages: string[] = [];
    const { box, sent } = outbox(['retry', 'ok'], {
      save: async (p) => {
        saves += 1;
        if (saves === 1) throw new Error('disk full');
        sentPages.push(p.status);
      },
    });
    box.enqueue(page('p1'));
    await waitFor(() => sentPages.includes('sent'), 'the retry sent');
    expect(sent).toEqual(['p1', 'p1']);
  });
});

describe('the wait before a retry', () => {
  const policy = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 300_000 };
  it('doubles from the base up to the ceiling, half of it random', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, policy, 1))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, policy, 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelay(20, policy, 1)).toBe(300_000);
  });
  it('never comes before a receiver’s Retry-After', () => {
    expect(retryDelay(1, policy, 0, 30_000)).toBe(30_000);
  });
});
