import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { icsProvider } from '../../../server/oncall/ics';
import { silentLogger } from '../../../server/log';
import type { OncallContext } from '../../../server/oncall/types';
import { byTimeout, wellBefore } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';

const fixturePath = (name: string) => fileURLToPath(new URL(`../../fixtures/ics/${name}`, import.meta.url));
const LONDON = readFileSync(fixturePath('london-rotation.ics'), 'utf8');
const TOKEN = 'private-9f8e7d6c5b4a39281706';
const at = (iso: string) => Date.parse(iso);
/** A window in which the London rotation's person changes: Bob until 09:00 on 16 February, then Carol. */
const WINDOW = { from: at('2026-02-15T00:00:00Z'), to: at('2026-02-17T00:00:00Z') };

type Answer = { status: number; body: string; headers?: Record<string, string> } | 'hang';

/** A scheduling tool's feed on loopback: answers what the test sets, and records what it was asked. */
class FakeFeed {
  answer: Answer = { status: 200, body: LONDON };
  requests: Array<{ path: string; userAgent: string }> = [];
  abandoned = 0;
  private server: Server | null = null;
  base = '';

  async listen(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push({ path: req.url ?? '', userAgent: req.headers['user-agent'] ?? '' });
    if (req.url === '/moved.ics') {
      res.writeHead(301, { location: `/calendar/${TOKEN}/basic.ics` }).end();
      return;
    }
    let answered = false;
    res.on('close', () => {
      if (!answered) this.abandoned += 1;
    });
    if (this.answer === 'hang') return;
    answered = true;
    res.writeHead(this.answer.status, { 'content-type': 'text/calendar; charset=utf-8', ...this.answer.headers }).end(this.answer.body);
  }
}

function contextWith(signal: AbortSignal = new AbortController().signal): OncallContext {
  return { signal, log: silentLogger(), now: () => WINDOW.from };
}

const configOf = (fields: Record<string, unknown>) => icsProvider.configSchema.parse(fields);
const emails = (shifts: Array<{ who: { email?: string } }>) => shifts.map((s) => s.who.email);

describe('the ics provider, reading a feed on loopback', () => {
  const feed = new FakeFeed();
  let url = '';

  beforeEach(async () => {
    feed.answer = { status: 200, body: LONDON };
    feed.requests = [];
    feed.abandoned = 0;
    url = `${await feed.listen()}/calendar/${TOKEN}/basic.ics`;
  });
  afterEach(() => feed.close());

  it('gives the shifts of the feed, with a User-Agent that names Greenboard', async () => {
    const shifts = await icsProvider.shifts(configOf({ url }), WINDOW, contextWith());
    expect(shifts.map((s) => [s.who.email, new Date(s.from).toISOString()])).toEqual([
      ['bob@example.com', '2026-02-09T09:00:00.000Z'],
      ['carol@example.com', '2026-02-16T09:00:00.000Z'],
    ]);
    expect(feed.requests).toEqual([{ path: `/calendar/${TOKEN}/basic.ics`, userAgent: expect.stringMatching(/Greenboard/) }]);
  });

  it('reads the feed again at each call: a swap made in the scheduler shows at the next fetch', async () => {
    const config = configOf({ url });
    expect(emails(await icsProvider.shifts(config, WINDOW, contextWith()))).toEqual(['bob@example.com', 'carol@example.com']);
    feed.answer = { status: 200, body: LONDON.replace('mailto:carol@example.com', 'mailto:dave@example.com').replace('CN=Carol\r\n  Carter', 'CN=Dave Day') };
    const after = await icsProvider.shifts(config, WINDOW, contextWith());
    expect(after.map((s) => s.who)).toEqual([
      { email: 'bob@example.com', name: 'Bob Brown' },
      { email: 'dave@example.com', name: 'Dave Day' },
    ]);
    expect(feed.requests).toHaveLength(2);
  });

  it('follows a redirect to where the feed now lives', async () => {
    const shifts = await icsProvider.shifts(configOf({ url: `${feed.base}/moved.ics` }), WINDOW, contextWith());
    expect(emails(shifts)).toEqual(['bob@example.com', 'carol@example.com']);
    expect(feed.requests.map((r) => r.path)).toEqual(['/moved.ics', `/calendar/${TOKEN}/basic.ics`]);
  });

  it('rejects a feed that answers 404, saying so without its secret address', async () => {
    feed.answer = { status: 404, body: 'Not Found' };
    const failure = icsProvider.shifts(configOf({ url }), WINDOW, contextWith());
    await expect(failure).rejects.toThrow(/^feed answered 404$/);
    expect(feed.requests).toHaveLength(1);
  });

  it('rejects a feed that answers a page that is not a calendar', async () => {
    feed.answer = { status: 200, body: '<!doctype html><title>Sign in</title>', headers: { 'content-type': 'text/html' } };
    await expect(icsProvider.shifts(configOf({ url }), WINDOW, contextWith())).rejects.toThrow(/^not an iCalendar file$/);
  });

  it('rejects a feed larger than a calendar can be, without reading it all', async () => {
    feed.answer = { status: 200, body: LONDON + 'X-FILLER:'.padEnd(6 * 1024 * 1024, 'x') };
    await expect(icsProvider.shifts(configOf({ url }), WINDOW, contextWith())).rejects.toThrow(/^feed larger than 5 MB$/);
  });

  it('cuts a feed that hangs at its timeout', async () => {
    feed.answer = 'hang';
    const started = Date.now();
    await expect(icsProvider.shifts(configOf({ url, timeout: '1s' }), WINDOW, contextWith())).rejects.toThrow(/^feed unreachable: no answer within 1s$/);
    expect(Date.now() - started).toBeLessThan(byTimeout(1_000));
    await waitFor(() => feed.abandoned === 1, 'the hanging request to be closed');
  });

  it('gives up a fetch at once when the team stops being watched', async () => {
    feed.answer = 'hang';
    const stop = new AbortController();
    const started = Date.now();
    const failure = icsProvider.shifts(configOf({ url, timeout: '10s' }), WINDOW, contextWith(stop.signal));
    await waitFor(() => feed.requests.length === 1, 'the feed to be asked');
    stop.abort();
    await expect(failure).rejects.toThrow(/^feed unreachable: aborted$/);
    expect(Date.now() - started).toBeLessThan(wellBefore(10_000));
  });

  it('rejects a feed whose server is gone: connection refused', async () => {
    await feed.close();
    await expect(icsProvider.shifts(configOf({ url }), WINDOW, contextWith())).rejects.toThrow(/^feed unreachable: connection refused$/);
  });
});

describe('the ics provider, reading a calendar file', () => {
  it('gives the shifts of the file', async () => {
    const shifts = await icsProvider.shifts(configOf({ file: fixturePath('london-rotation.ics') }), WINDOW, contextWith());
    expect(emails(shifts)).toEqual(['bob@example.com', 'carol@example.com']);
  });

  it('rejects a file that has gone since the config was read', async () => {
    const config = { ...configOf({ file: fixturePath('london-rotation.ics') }), file: fixturePath('no-such-calendar.ics') };
    await expect(icsProvider.shifts(config, WINDOW, contextWith())).rejects.toThrow(/^feed file not found$/);
  });

  it('refuses, in the config, a file that cannot be read', () => {
    const result = icsProvider.configSchema.safeParse({ file: fixturePath('no-such-calendar.ics') });
    expect(result.success ? 'accepted' : result.error.issues[0]!.message).toBe(`cannot read the calendar file "${fixturePath('no-such-calendar.ics')}"`);
  });
});

describe('the ics provider config', () => {
  it('has defaults: attendee, a refresh every 5 minutes, a 10 s timeout', () => {
    const config = configOf({ url: 'https://calendar.example.com/oncall.ics' });
    expect(config).toEqual({ url: 'https://calendar.example.com/oncall.ics', who: 'attendee', refresh: 300_000, timeout: 10_000 });
    expect(icsProvider.refreshMs(config)).toBe(300_000);
  });

  it.each([
    ['neither url nor file', {}, /exactly one of url/],
    ['both url and file', { url: 'https://calendar.example.com/a.ics', file: 'a.ics' }, /exactly one of url/],
    ['a webcal:// link', { url: 'webcal://calendar.example.com/a.ics' }, /https:\/\//],
    ['an ftp URL', { url: 'ftp://calendar.example.com/a.ics' }, /http\(s\) URL/],
    ['a refresh faster than a minute', { url: 'https://c.example.com/a.ics', refresh: '10s' }, /at least 1m/],
    ['who neither attendee nor summary', { url: 'https://c.example.com/a.ics', who: 'organizer' }, /attendee or summary/],
    ['a time zone that does not exist', { url: 'https://c.example.com/a.ics', timezone: 'Europe/Atlantis' }, /not a time zone/],
    ['an unknown field', { url: 'https://c.example.com/a.ics', calendar: 'x' }, /calendar/],
  ])('refuses %s', (_what, fields, message) => {
    const parsed = icsProvider.configSchema.safeParse(fields);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });

  it('counts the token of a secret address, and the address itself, as secrets', () => {
    const url = `https://calendar.example.com/calendar/ical/payments%40example.com/${TOKEN}/basic.ics?key=s3cr3tkey`;
    expect(icsProvider.secrets(configOf({ url }))).toEqual([url, 's3cr3tkey', TOKEN]);
    expect(icsProvider.secrets(configOf({ url: 'https://intranet.example.com/oncall/payments.ics' }))).toEqual([]);
    expect(icsProvider.secrets(configOf({ file: fixturePath('london-rotation.ics') }))).toEqual([]);
  });
});

describe('the ics example in the README', () => {
  it('is a config the provider takes, with its feed address a secret', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### On call from a calendar (ICS)'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!.replace('${PAYMENTS_ONCALL_FEED}', TOKEN);
    const fields = (parse(yaml) as { teams: Array<{ oncall: { ics: unknown } }> }).teams[0]!.oncall.ics;
    const config = configOf(fields as Record<string, unknown>);
    expect(config).toMatchObject({ who: 'attendee', refresh: 300_000, timeout: 10_000 });
    expect(icsProvider.secrets(config)).toContain(TOKEN);
  });
});
