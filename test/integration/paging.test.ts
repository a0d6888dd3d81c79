import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentsResponse, IncidentView, ServicesResponse } from '../../shared/api';
import { connectClient, startBoard, type RunningBoard } from '../helpers/board';
import { signAckToken } from '../../server/notify/ack-link';
import { SmtpReceiver, type ReceivedMail } from '../helpers/smtp-receiver';
import { startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';
import { FakeApi, type Received } from '../server/oncall/fake-api';

const HOOK_SECRET = 'hook-secret-6d1f0b7e93a2c4d5';
const HOUR = 3_600_000;
const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);

let smtp: SmtpReceiver;
let hooks: FakeApi;
let hooksUrl: string;
let target: HttpTarget;
let dbTarget: HttpTarget;
beforeAll(async () => {
  smtp = new SmtpReceiver();
  await smtp.listen();
  hooks = new FakeApi(() => ({ status: 204, body: '' }));
  hooksUrl = await hooks.listen();
  target = await startHttpTarget('up');
  dbTarget = await startHttpTarget('up');
});
afterAll(async () => {
  await Promise.all([smtp.close(), hooks.close(), target.close(), dbTarget.close()]);
});

let board: RunningBoard | null = null;
afterEach(async () => {
  await board?.close();
  board = null;
  smtp.mails = [];
  hooks.received = [];
  hooks.answer = () => ({ status: 204, body: '' });
  target.mode = 'up';
  dbTarget.mode = 'up';
});

const start = local(Math.floor(Date.now() / 1000) * 1000 - HOUR);
const check = (t: () => HttpTarget) => `[{ id: health, type: http, url: "${t().url}/", interval: 1s, timeout: 500ms, failureThreshold: 1 }]`;

/** Payments: Alice is the primary on call, Bob the secondary; Dan owns the database. */
const yaml = ({ ackTimeout = '3s', groupWait = '0s', extraServices = '' } = {}) => `
people:
  - { id: alice, name: Alice Liddell, contact: { email: alice@example.com }, notify: [{ via: mail }, { via: hook }] }
  - { id: bob, name: Bob Marley, contact: { email: bob@example.com }, notify: [{ via: mail }] }
  - { id: carol, name: Carol King, contact: { email: carol@example.com }, notify: [{ via: mail }] }
  - { id: dan, name: Dan Brown, contact: { email: dan@example.com }, notify: [{ via: mail }] }
teams:
  - id: payments
    name: Payments
    ackTimeout: ${ackTimeout}
    members: [alice, bob, carol]
    oncall:
      rotation: { timezone: UTC, shift: 1w, start: "${start}", members: [alice] }
      secondary:
        rotation: { timezone: UTC, shift: 1w, start: "${start}", members: [bob] }
  - id: data
    name: Data
    oncall:
      rotation: { timezone: UTC, shift: 1w, start: "${start}", members: [dan] }
notifiers:
  - { id: mail, type: email, host: 127.0.0.1, port: ${smtp.port}, from: "Greenboard <greenboard@example.com>" }
  - { id: hook, type: webhook, url: "${hooksUrl}/pages", secret: "${HOOK_SECRET}" }
paging:
  boardUrl: https://status.example.com
  groupWait: ${groupWait}
  quietPeriod: 3s
services:
  - { id: checkout, name: Checkout API, team: payments, checks: ${check(() => target)} }
${extraServices}`;

const FAST = { paging: { tickMs: 50, retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 200 } } };

const mailsTo = (address: string, subject: RegExp = /./) => smtp.mails.filter((m) => m.envelope.to.includes(address) && subject.test(m.parsed.subject ?? ''));
const ackPath = (mail: ReceivedMail) => /https:\/\/status\.example\.com(\/ack\/[A-Za-z0-9_.-]+)/.exec(mail.parsed.text ?? '')?.[1];
const incidentsOf = async (url: string, query = '') => ((await (await fetch(`${url}/api/incidents${query}`)).json()) as IncidentsResponse).incidents;
const signed = (request: Received) =>
  request.headers['x-greenboard-signature'] === `sha256=${createHmac('sha256', HOOK_SECRET).update(request.body).digest('hex')}`;

describe('paging the people who build a service when it goes down', () => {
  it('emails and signs a webhook to the on-call, escalates to the secondary, stops at the emailed acknowledge link, and tells both when it is over', async () => {
    board = await startBoard(yaml(), FAST);
    const url = board.url;
    target.mode = 'down';

    const [alicesMail] = await waitFor(() => mailsTo('alice@example.com', /DOWN/).length === 1 && mailsTo('alice@example.com', /DOWN/), 'the page to Alice', {
      timeoutMs: 15_000,
    });
    expect(alicesMail!.parsed.subject).toContain('Checkout API');
    expect(alicesMail!.parsed.html).toContain('Acknowledge');
    const hook = await waitFor(() => hooks.received.find((r) => r.url.pathname === '/pages'), 'the webhook page');
    expect(signed(hook)).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({ kind: 'trigger', service: { id: 'checkout' }, recipient: { id: 'alice' } });

    // Nobody acknowledges: after the ack timeout, the secondary is paged.
    await waitFor(() => mailsTo('bob@example.com', /DOWN/).length === 1, 'the escalation to Bob', { timeoutMs: 15_000 });

    // Bob opens the link in Alice's page on his phone: a page with one button, then acknowledged.
    const path = ackPath(alicesMail!)!;
    const confirm = await fetch(`${url}${path}`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('data-ack-button');
    const done = await fetch(`${url}${path}`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Acknowledged by Alice Liddell');

    const [incident] = await incidentsOf(url, '?service=checkout');
    expect(incident).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'Alice Liddell', via: 'link' }, step: 'secondary', nextEscalationAt: null });
    expect(incident!.pages.filter((p) => p.kind === 'trigger').map((p) => [p.recipient.id, p.channelType, p.status])).toEqual([
      ['alice', 'email', 'sent'],
      ['alice', 'webhook', 'sent'],
      ['bob', 'email', 'sent'],
    ]);

    target.mode = 'up';
    await waitFor(() => mailsTo('alice@example.com', /RESOLVED/).length === 1 && mailsTo('bob@example.com', /RESOLVED/).length === 1, 'resolved to both', {
      timeoutMs: 15_000,
    });
    await waitFor(() => hooks.received.some((r) => JSON.parse(r.body).kind === 'resolve'), 'the resolve webhook');
    // Carol, at the last step, was never paged: the acknowledgement stopped the escalation.
    // (Resolutions go out once the 3 s quiet period has passed, after the team step would have.)
    expect(mailsTo('carol@example.com')).toEqual([]);
    const [resolved] = await incidentsOf(url, '?service=checkout');
    expect(resolved!.status).toBe('resolved');
    expect(resolved!.timeline.map((e) => e.kind)).toEqual(['opened', 'paged', 'escalated', 'acknowledged', 'resolved']);
  });

  it('a dependency outage pages only the dependency’s owner, and its dependents are listed as impacted', async () => {
    const dependents = ['cart', 'search', 'orders'].map(
      (id) => `  - { id: ${id}, name: ${id}, team: payments, dependsOn: [orders-db], checks: ${check(() => dbTarget)} }`,
    );
    board = await startBoard(
      yaml({
        groupWait: '2s',
        extraServices: `  - { id: orders-db, name: Orders DB, team: data, checks: ${check(() => dbTarget)} }\n${dependents.join('\n')}`,
      }),
      FAST,
    );
    dbTarget.mode = 'down';
    await waitFor(() => mailsTo('dan@example.com', /DOWN/).length === 1, 'the page to Dan', { timeoutMs: 15_000 });
    const incidents = await waitFor(async () => {
      const found = await incidentsOf(board!.url);
      return found.find((i) => i.serviceId === 'orders-db')?.impacted.length === 3 && found;
    }, 'every dependent listed as impacted');
    const db = incidents.find((i) => i.serviceId === 'orders-db')!;
    expect([...db.impacted].sort()).toEqual(['cart', 'orders', 'search']);
    // Any dependent caught before the database was is part of its incident, and pages nobody.
    for (const other of incidents.filter((i) => i.id !== db.id)) expect(other).toMatchObject({ partOf: db.id, pages: [] });
    expect(smtp.mails.map((m) => m.envelope.to[0])).toEqual(['dan@example.com']);
    expect(hooks.received).toEqual([]);
    // Each dependent's tile shows the database's incident.
    const services = ((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).services;
    for (const id of ['cart', 'search', 'orders']) expect(services.find((s) => s.id === id)!.incident).toMatchObject({ id: db.id, serviceId: 'orders-db' });
  });

  it('a channel that fails keeps retrying without holding up the others, and every board says paging is failing', async () => {
    hooks.answer = () => ({ status: 500, body: { error: 'down for maintenance' } });
    board = await startBoard(yaml(), FAST);
    const client = await connectClient(board.url);
    target.mode = 'down';
    await waitFor(() => mailsTo('alice@example.com', /DOWN/).length === 1, 'the email page, unharmed by the webhook failing', { timeoutMs: 15_000 });
    const notice = await waitFor(() => client.notices.find((n) => n.code === 'paging-failing'), 'the paging-failing notice');
    expect(notice.message).toContain('webhook');
    const [incident] = await waitFor(async () => {
      const found = await incidentsOf(board!.url);
      return found[0]?.pages.some((p) => p.channelType === 'webhook' && p.status === 'failed') && found;
    }, 'the webhook page given up after its retries');
    const webhookPage = incident!.pages.find((p) => p.channelType === 'webhook')!;
    expect(webhookPage).toMatchObject({ attempts: 3, lastError: expect.stringContaining('500') });
    expect(hooks.received.filter((r) => r.url.pathname === '/pages')).toHaveLength(3);
    target.mode = 'up';
    await waitFor(() => mailsTo('alice@example.com', /RESOLVED/).length === 1, 'the resolve email');
    client.close();
  });

  it('pages the moment the group wait ends, without waiting for the periodic look at escalations', async () => {
    // A look every ten minutes: only the wake-up at the due moment can send this page in time.
    board = await startBoard(yaml({ groupWait: '1s' }), { paging: { ...FAST.paging, tickMs: 600_000 } });
    target.mode = 'down';
    await waitFor(() => mailsTo('alice@example.com', /DOWN/).length === 1, 'the page to Alice', { timeoutMs: 15_000 });
    const [incident] = await incidentsOf(board.url, '?service=checkout');
    expect(incident!.pages.find((p) => p.recipient.id === 'alice')?.status).toBe('sent');
  });

  it("sends incident:update to the service's page, and shows on every tile who was paged and who acknowledged", async () => {
    board = await startBoard(yaml(), FAST);
    const client = await connectClient(board.url);
    const wall = await connectClient(board.url);
    const updates: IncidentView[] = [];
    const wallUpdates: IncidentView[] = [];
    client.socket.on('incident:update', ({ incident }) => updates.push(incident));
    wall.socket.on('incident:update', ({ incident }) => wallUpdates.push(incident));
    client.socket.emit('service:watch', 'checkout');
    target.mode = 'down';
    const paged = await waitFor(() => client.service('checkout')?.incident?.paged ?? undefined, 'the tile to say who was paged', { timeoutMs: 15_000 });
    expect(paged.name).toBe('Alice Liddell');
    expect(updates.some((u) => u.serviceId === 'checkout' && u.status === 'open')).toBe(true);
    const id = client.service('checkout')!.incident!.id;
    const ack = await fetch(`${board.url}/api/incidents/${id}/ack`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"by":"bob"}' });
    expect(ack.status).toBe(200);
    await waitFor(() => client.service('checkout')?.incident?.acknowledged?.by === 'Bob Marley', 'the tile to say who acknowledged');
    await waitFor(() => updates.some((u) => u.status === 'acknowledged'), 'incident:update with the acknowledgement');
    // The wall, watching no service page, learnt all of it from its tiles alone.
    await waitFor(() => wall.service('checkout')?.incident?.acknowledged?.by === 'Bob Marley', "the wall's tile to say who acknowledged");
    expect(wallUpdates).toEqual([]);
    client.close();
    wall.close();
  });
});

describe('maintenance windows', () => {
  it('a service in a window shows maintenance, opens no incident and pages nobody; ending the window pages as usual', async () => {
    board = await startBoard(yaml(), FAST);
    const url = board.url;
    const made = await fetch(`${url}/api/maintenance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ services: ['checkout'], duration: '1h', reason: 'Database upgrade' }),
    });
    expect(made.status).toBe(201);
    const window = (await made.json()) as { id: string };
    target.mode = 'down';
    const view = await waitFor(async () => {
      const { services } = (await (await fetch(`${url}/api/services`)).json()) as ServicesResponse;
      const checkout = services.find((s) => s.id === 'checkout')!;
      return checkout.checks[0]!.status === 'down' && checkout;
    }, 'the check to fail inside the window');
    expect(view).toMatchObject({ status: 'maintenance', maintenance: { id: window.id, reason: 'Database upgrade' }, incident: null });
    expect(await incidentsOf(url)).toEqual([]);

    expect((await fetch(`${url}/api/maintenance/${window.id}`, { method: 'DELETE' })).status).toBe(204);
    await waitFor(() => mailsTo('alice@example.com', /DOWN/).length === 1, 'the page once the window ended', { timeoutMs: 15_000 });
  });
});

describe('refusing what cannot be acted on', () => {
  it('answers 404, 409, 400 and 403 as the contract says, and changes nothing', async () => {
    board = await startBoard(yaml(), FAST);
    const url = board.url;
    const post = (path: string, body: string) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('/api/incidents/nope/ack', '{}')).status).toBe(404);
    expect((await fetch(`${url}/api/incidents/nope`)).status).toBe(404);

    target.mode = 'down';
    const mail = await waitFor(() => mailsTo('alice@example.com', /DOWN/)[0], 'the page to Alice', { timeoutMs: 15_000 });
    const [incident] = await incidentsOf(url);
    const bad = await post(`/api/incidents/${incident!.id}/ack`, '{"by": 5}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^by: /);
    expect((await post(`/api/incidents/${incident!.id}/ack`, '{"who":"x"}')).status).toBe(400);
    expect((await fetch(`${url}/api/incidents?status=closed`)).status).toBe(400);
    expect((await fetch(`${url}/api/incidents?service=a&service=b`)).status).toBe(400);
    expect((await fetch(`${url}/api/incidents?from=yesterday`)).status).toBe(400);

    // A link changed by one character, or made up, acknowledges nothing.
    const path = ackPath(mail)!;
    const tampered = path.slice(0, -1) + (path.endsWith('A') ? 'B' : 'A');
    expect((await fetch(`${url}${tampered}`, { method: 'POST' })).status).toBe(403);
    expect((await fetch(`${url}/ack/not-a-token`, { method: 'POST' })).status).toBe(403);
    expect((await incidentsOf(url))[0]!.status).toBe('open');

    target.mode = 'up';
    await waitFor(async () => (await incidentsOf(url))[0]!.status === 'resolved', 'the incident resolved');
    const late = await post(`/api/incidents/${incident!.id}/ack`, '{}');
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { message: string } }).error.message).toContain('resolved');
    expect((await fetch(`${url}${path}`, { method: 'POST' })).status).toBe(409);
  });

  it('an acknowledge link past its time is refused with a page that says so', async () => {
    board = await startBoard(yaml(), FAST);
    target.mode = 'down';
    await waitFor(() => mailsTo('alice@example.com', /DOWN/)[0], 'the page to Alice', { timeoutMs: 15_000 });
    const [incident] = await incidentsOf(board.url);
    // Signed with the board's own key, as a page sent a day ago would have been.
    const key = await board.store.setting('ack-link-key', 'unused');
    const token = signAckToken({ incidentId: incident!.id, personId: 'alice', expiresAt: Date.now() - 1 }, key);
    const answer = await fetch(`${board.url}/ack/${token}`, { method: 'POST' });
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('This link has expired');
    expect((await incidentsOf(board.url))[0]!.status).toBe('open');
  });
});
