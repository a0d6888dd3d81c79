import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentsResponse } from '../../shared/api';
import { startServerProcess } from '../helpers/server-process';
import { SmtpReceiver } from '../helpers/smtp-receiver';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

const HOUR = 3_600_000;
const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);

let smtp: SmtpReceiver;
let target: HttpTarget;
beforeAll(async () => {
  smtp = new SmtpReceiver();
  await smtp.listen();
  target = await startHttpTarget('up');
});
afterAll(async () => {
  await Promise.all([smtp.close(), target.close()]);
});

const mailsTo = (address: string, subject: RegExp) => smtp.mails.filter((m) => m.envelope.to.includes(address) && subject.test(m.parsed.subject ?? ''));

describe('a server killed in the middle of an escalation', () => {
  it('pages nobody twice and still escalates once it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-paging-restart-'));
    const start = local(Math.floor(Date.now() / 1000) * 1000 - HOUR);
    const config = join(dir, 'board.yaml');
    writeFileSync(
      config,
      `
people:
  - { id: alice, name: Alice Liddell, contact: { email: alice@example.com }, notify: [{ via: mail }] }
  - { id: bob, name: Bob Marley, contact: { email: bob@example.com }, notify: [{ via: mail }] }
teams:
  - id: payments
    name: Payments
    ackTimeout: 6s
    oncall:
      rotation: { timezone: UTC, shift: 1w, start: "${start}", members: [alice] }
      secondary:
        rotation: { timezone: UTC, shift: 1w, start: "${start}", members: [bob] }
notifiers:
  - { id: mail, type: email, host: 127.0.0.1, port: ${smtp.port}, from: greenboard@example.com }
paging: { groupWait: 0s }
services:
  - id: checkout
    name: Checkout API
    team: payments
    checks: [{ id: health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms, failureThreshold: 1 }]
`,
    );
    const options = { config, dbFile: join(dir, 'greenboard.db'), port: await stablePort() };
    const first = await startServerProcess(options);
    target.mode = 'down';
    await waitFor(() => mailsTo('alice@example.com', /DOWN/).length === 1, 'the page to Alice', { timeoutMs: 20_000 });
    await waitFor(async () => {
      const { incidents } = (await (await fetch(`${first.url}/api/incidents`)).json()) as IncidentsResponse;
      return incidents[0]?.pages[0]?.status === 'sent';
    }, 'the page recorded as sent');
    // Between the page and the escalation: no goodbye, no flush.
    expect((await first.kill('SIGKILL')).signal).toBe('SIGKILL');
    expect(mailsTo('bob@example.com', /DOWN/)).toEqual([]);

    const second = await startServerProcess(options);
    try {
      await waitFor(() => mailsTo('bob@example.com', /DOWN/).length === 1, 'the escalation to Bob after the restart', { timeoutMs: 30_000 });
      const { incidents } = (await (await fetch(`${second.url}/api/incidents`)).json()) as IncidentsResponse;
      expect(incidents).toHaveLength(1);
      expect(incidents[0]!.pages.map((p) => [p.recipient.id, p.kind, p.status])).toEqual([
        ['alice', 'trigger', 'sent'],
        ['bob', 'trigger', 'sent'],
      ]);
      expect(mailsTo('alice@example.com', /DOWN/)).toHaveLength(1);
      expect(mailsTo('bob@example.com', /DOWN/)).toHaveLength(1);
    } finally {
      await second.kill();
    }
  });
});
