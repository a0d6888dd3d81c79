import { describe, expect, it } from 'vitest';
import { configSchema, type ServiceConfig } from '../../../server/config/schema';
import type { Incident, Page } from '../../../server/incidents/model';
import { composePage, type PageInput } from '../../../server/notify/compose';

const OPENED = Date.parse('2026-03-02T09:12:00Z');
const RESOLVED = Date.parse('2026-03-02T09:40:00Z');

const service = (
  links: Record<string, string> = { runbook: 'https://wiki.example.com/runbooks/checkout', repo: 'https://git.example.com/checkout' },
): ServiceConfig => configSchema.parse({ services: [{ id: 'checkout', name: 'Checkout API', links }] }).services[0]!;

const incident: Incident = {
  id: 'inc-42',
  serviceId: 'checkout',
  status: 'open',
  openedAt: OPENED,
  acknowledged: null,
  resolvedAt: null,
  reason: 'checkout/health: expected status 200, got 503',
  causes: [
    { checkId: 'health', type: 'http', message: 'expected status 200, got 503' },
    { checkId: 'am', type: 'alertmanager', origin: 'source', message: 'HighErrorRate firing', alerts: ['HighErrorRate'] },
  ],
  impacted: ['storefront', 'orders'],
  partOf: null,
  reopened: 0,
  step: null,
  stepAt: null,
  timeline: [],
};

const page: Page = {
  id: 'page-7',
  incidentId: 'inc-42',
  kind: 'trigger',
  step: 'primary',
  recipient: { kind: 'person', id: 'alice', name: 'Alice Liddell' },
  channel: 'mail',
  channelType: 'email',
  route: 0,
  address: 'alice@example.com',
  status: 'pending',
  attempts: 0,
  createdAt: OPENED,
  sentAt: null,
  nextAttemptAt: null,
  lastError: null,
};

const names: Record<string, string> = { storefront: 'Storefront', orders: 'Orders Service' };
const input = (overrides: Partial<PageInput> = {}): PageInput => ({
  incident,
  page,
  service: service(),
  team: { id: 'payments', name: 'Payments' },
  serviceName: (id) => names[id] ?? id,
  boardUrl: 'https://status.example.com',
  ackUrl: 'https://status.example.com/ack/abc.def',
  ...overrides,
});

describe('what a page says', () => {
  it('a trigger: the service is down, why, what it takes down, and where to look and acknowledge', () => {
    expect(composePage(input())).toEqual({
      kind: 'trigger',
      incidentId: 'inc-42',
      dedupKey: 'greenboard-inc-42',
      deliveryId: 'page-7',
      service: { id: 'checkout', name: 'Checkout API' },
      team: { id: 'payments', name: 'Payments' },
      step: 'primary',
      recipient: { kind: 'person', id: 'alice', name: 'Alice Liddell' },
      title: 'Checkout API is down',
      reason: 'health: expected status 200, got 503; am: HighErrorRate firing',
      impacted: ['Storefront', 'Orders Service'],
      openedAt: OPENED,
      resolvedAt: null,
      serviceUrl: 'https://status.example.com/services/checkout',
      ackUrl: 'https://status.example.com/ack/abc.def',
      runbookUrl: 'https://wiki.example.com/runbooks/checkout',
    });
  });

  it('a resolve: the service is back up, with no acknowledge link even when one is given', () => {
    const message = composePage(
      input({ incident: { ...incident, status: 'resolved', resolvedAt: RESOLVED }, page: { ...page, id: 'page-8', kind: 'resolve' } }),
    );
    expect(message).toMatchObject({ kind: 'resolve', title: 'Checkout API is back up', resolvedAt: RESOLVED, ackUrl: null, deliveryId: 'page-8' });
    expect(message.dedupKey).toBe('greenboard-inc-42');
  });

  it('a reopened incident is titled as any other: it says down, never "(reopened)"', () => {
    const message = composePage(input({ incident: { ...incident, reopened: 2 } }));
    expect(message.title).toBe('Checkout API is down');
  });

  it('the same incident keeps its dedup key across pages; each page its own delivery id', () => {
    const first = composePage(input());
    const second = composePage(input({ page: { ...page, id: 'page-9', step: 'secondary', recipient: { kind: 'person', id: 'bob', name: 'Bob' } } }));
    expect(second.dedupKey).toBe(first.dedupKey);
    expect(second.deliveryId).not.toBe(first.deliveryId);
    expect(second.step).toBe('secondary');
  });

  it("without causes, the incident's own reason", () => {
    expect(composePage(input({ incident: { ...incident, causes: [] } })).reason).toBe('checkout/health: expected status 200, got 503');
  });

  it('without a board address, no link to the board', () => {
    const message = composePage(input({ boardUrl: undefined, ackUrl: null }));
    expect(message.serviceUrl).toBeNull();
    expect(message.ackUrl).toBeNull();
  });

  it('a board address ending in a slash makes no double slash', () => {
    expect(composePage(input({ boardUrl: 'https://example.com/board/' })).serviceUrl).toBe('https://example.com/board/services/checkout');
  });

  it('a team page has the team as its recipient', () => {
    const message = composePage(input({ page: { ...page, recipient: { kind: 'team', id: 'payments', name: 'Payments' } } }));
    expect(message.recipient).toEqual({ kind: 'team', id: 'payments', name: 'Payments' });
  });

  it('nothing impacted is an empty list', () => {
    expect(composePage(input({ incident: { ...incident, impacted: [] } })).impacted).toEqual([]);
  });

  it.each([
    ['no runbook', { repo: 'https://git.example.com/checkout' }, null],
    ['an http runbook', { runbook: 'http://wiki.internal/checkout' }, 'http://wiki.internal/checkout'],
    ['a javascript: runbook', { runbook: 'javascript:alert(1)' }, null],
    ['a file: runbook', { runbook: 'file:///etc/passwd' }, null],
    ['an ftp runbook', { runbook: 'ftp://files.example.com/runbook.txt' }, null],
  ])('%s gives %s', (_name, links, expected) => {
    expect(composePage(input({ service: service(links) })).runbookUrl).toBe(expected);
  });
});
