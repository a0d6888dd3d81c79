import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailNotifier } from '../../../server/notify/email';
import { byTimeout, wellBefore } from '../../helpers/timing';
import { closedPort, deliveryContext, failure, samplePage, sampleResolve } from './sample';
import { silentServer, SmtpReceiver } from '../../helpers/smtp-receiver';

const PASSWORD = 'smtp-pass-9f2c47ab';

let smtp: SmtpReceiver;
beforeEach(async () => {
  smtp = new SmtpReceiver();
  await smtp.listen();
});
afterEach(() => smtp.close());

const config = (fields: Record<string, unknown> = {}) =>
  emailNotifier.configSchema.parse({ type: 'email', host: '127.0.0.1', port: smtp.port, from: 'Greenboard <pages@example.com>', ...fields });
const target = (fields: Record<string, unknown> = {}) => emailNotifier.targetSchema.parse(fields);

describe('the email notifier', () => {
  it('mails the person a page with a subject that says what is down and why, a plain-text and an HTML part, and the incident header', async () => {
    await emailNotifier.send(config(), target(), samplePage(), deliveryContext());

    const [mail] = smtp.mails;
    expect(mail!.envelope).toEqual({ from: 'pages@example.com', to: ['alice@example.com'] });
    const { parsed } = mail!;
    expect(parsed.subject).toBe('[DOWN] Checkout API — health: expected status 200, got 503 (+1 more)');
    expect(parsed.from?.value).toEqual([{ name: 'Greenboard', address: 'pages@example.com' }]);
    expect(parsed.headers.get('x-greenboard-incident')).toBe('inc-20261120-0007');
    expect(parsed.messageId).toBe('<page-7f3a9c1e@example.com>');
    expect(parsed.text).toContain('Checkout API is down.\n\nWhy:\n  health: expected status 200, got 503\n  port: connection refused\n');
    expect(parsed.text).toContain(
      'Also down because of it: Storefront, Mobile API\nTeam: Payments\nOpened: 2026-11-20 14:02 UTC\nPaged: Alice Liddell, primary on call for Payments\n',
    );
    expect(parsed.text).toContain(
      'Acknowledge: https://status.example.com/ack/inc-20261120-0007?sig=3b1f0c9e2d\nOpen on the board: https://status.example.com/services/checkout\nRunbook: https://wiki.example.com/runbooks/checkout\n',
    );
    const html = parsed.html as string;
    expect(html).toContain('<a href="https://status.example.com/ack/inc-20261120-0007?sig=3b1f0c9e2d"');
    expect(html).toContain('>Acknowledge</a>');
    expect(html).toContain('<a href="https://status.example.com/services/checkout"');
    expect(html).toContain('<a href="https://wiki.example.com/runbooks/checkout"');
    expect(html).toContain('<li>health: expected status 200, got 503</li><li>port: connection refused</li>');
  });

  it('escapes every value in the HTML: a service named <script> is text, not markup', async () => {
    const name = '<script>alert("pwned")</script> & Co';
    await emailNotifier.send(
      config(),
      target(),
      samplePage({ service: { id: 'x', name }, reason: 'body: <img src=x onerror=alert(1)>', serviceUrl: 'https://status.example.com/services/x?a=1&b="2"' }),
      deliveryContext(),
    );

    const { parsed } = smtp.mails[0]!;
    const html = parsed.html as string;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Co is down</h1>');
    expect(html).toContain('<li>body: &lt;img src=x onerror=alert(1)&gt;</li>');
    expect(html).toContain('href="https://status.example.com/services/x?a=1&amp;b=&quot;2&quot;"');
    expect(parsed.text).toContain(`${name} is down.`);
  });

  it("sends to the route's own address, and says when there is none", async () => {
    await emailNotifier.send(config(), target({ to: 'payments-oncall@example.com' }), samplePage(), deliveryContext());

    expect(smtp.mails[0]!.envelope.to).toEqual(['payments-oncall@example.com']);
    expect(emailNotifier.address(config(), target({ to: 'payments-oncall@example.com' }), { email: 'alice@example.com' })).toBe('payments-oncall@example.com');
    expect(emailNotifier.address(config(), target(), { email: 'alice@example.com' })).toBe('alice@example.com');
    expect(emailNotifier.problem(config(), target(), {})).toBe('no email address: give the route a `to`, or the person a contact email');
    const none = await failure(emailNotifier.send(config(), target(), samplePage(), deliveryContext({ contact: {} })));
    expect([none.message, none.retryable]).toEqual(['no email address: give the route a `to`, or the person a contact email', false]);
  });

  it('mails a resolve that says the service is back up and for how long it was down', async () => {
    await emailNotifier.send(config(), target(), sampleResolve(), deliveryContext());

    const { parsed } = smtp.mails[0]!;
    expect(parsed.subject).toBe('[RESOLVED] Checkout API is back up');
    expect(parsed.text).toContain('Checkout API is back up.\n\nIt went down on:\n  health: expected status 200, got 503\n');
    expect(parsed.text).toContain('Resolved: 2026-11-20 14:14 UTC, after 12m\n');
    expect(parsed.text).not.toContain('Acknowledge');
  });

  it('logs in with the username and password, and keeps the password out of a refusal that quotes it', async () => {
    smtp.credentials = { username: 'greenboard', password: PASSWORD };
    await emailNotifier.send(config({ username: 'greenboard', password: PASSWORD }), target(), samplePage(), deliveryContext());
    expect(smtp.mails.map((mail) => mail.login)).toEqual(['greenboard']);

    smtp.refusal = { at: 'auth', code: 535, text: `5.7.8 password ${PASSWORD} rejected` };
    const error = await failure(emailNotifier.send(config({ username: 'greenboard', password: PASSWORD }), target(), samplePage(), deliveryContext()));

    expect([error.message, error.retryable]).toEqual(['SMTP server refused the login: 535 5.7.8 password *** rejected', false]);
    expect(emailNotifier.secrets(config({ username: 'greenboard', password: PASSWORD }), target())).toEqual([PASSWORD]);
  });

  it('takes a 5xx reply as refused for good and a 4xx as worth retrying', async () => {
    smtp.refusal = { at: 'rcpt', code: 550, text: '5.1.1 mailbox unavailable' };
    const unknown = await failure(emailNotifier.send(config(), target(), samplePage(), deliveryContext()));
    smtp.refusal = { at: 'data', code: 451, text: '4.3.0 try again later' };
    const busy = await failure(emailNotifier.send(config(), target(), samplePage(), deliveryContext()));

    expect([unknown.message, unknown.retryable]).toEqual(['SMTP server refused: 550 5.1.1 mailbox unavailable', false]);
    expect([busy.message, busy.retryable]).toEqual(['SMTP server refused: 451 4.3.0 try again later', true]);
    expect(smtp.mails).toEqual([]);
  });

  it('says the server is unreachable when nothing listens, as worth retrying', async () => {
    const port = await closedPort();

    const error = await failure(emailNotifier.send(config({ port }), target(), samplePage(), deliveryContext()));

    expect([error.message, error.retryable]).toEqual(['SMTP server unreachable: connection refused', true]);
  });

  it('gives up on a server that never greets at the timeout, and at once when cancelled', async () => {
    const silent = await silentServer();
    try {
      const started = performance.now();
      const timedOut = await failure(emailNotifier.send(config({ port: silent.port }), target(), samplePage(), deliveryContext({ timeoutMs: 300 })));
      expect(performance.now() - started).toBeLessThan(byTimeout(300));
      expect([timedOut.message, timedOut.retryable]).toEqual(['no answer from the SMTP server within 300ms', true]);

      const stop = new AbortController();
      const cancelledAt = performance.now();
      const pending = failure(
        emailNotifier.send(config({ port: silent.port }), target(), samplePage(), deliveryContext({ timeoutMs: 10_000, signal: stop.signal })),
      );
      await vi.waitUntil(() => silent.connections() === 2);
      stop.abort();
      expect((await pending).message).toBe('sending the mail cancelled');
      expect(performance.now() - cancelledAt).toBeLessThan(wellBefore(10_000));
    } finally {
      await silent.close();
    }
  });

  it('upgrades with STARTTLS when the server offers it, sends nothing over a certificate it cannot trust, and says when `secure` does not fit the port', async () => {
    const tlsServer = new SmtpReceiver({ starttls: true });
    const port = await tlsServer.listen();
    try {
      const error = await failure(emailNotifier.send(config({ port }), target(), samplePage(), deliveryContext()));

      // smtp-server's built-in certificate is a test one, published with its key: no client may trust it.
      expect([error.message, error.retryable]).toEqual([expect.stringMatching(/^SMTP server's certificate is not trusted: \w/), true]);
      expect(tlsServer.mails).toEqual([]);

      const plainTls = await failure(emailNotifier.send(config({ port: smtp.port, secure: true }), target(), samplePage(), deliveryContext()));
      expect(plainTls.message).toBe('SMTP server did not answer in TLS: is `secure` right for this port? (true for 465, false for 587 and 25)');
    } finally {
      await tlsServer.close();
    }
  });

  it('refuses a config it could not send with, naming the field', () => {
    const issues = (fields: Record<string, unknown>) =>
      emailNotifier.configSchema
        .safeParse({ type: 'email', host: 'smtp.example.com', from: 'pages@example.com', ...fields })
        .error?.issues.map((i) => [i.path.join('.'), i.message]);

    expect(emailNotifier.configSchema.parse({ type: 'email', host: 'smtp.example.com', from: 'pages@example.com' })).toMatchObject({
      port: 587,
      secure: false,
    });
    expect(issues({ from: 'not an address' })).toEqual([['from', 'expected a sender such as "Greenboard <pages@example.com>"']]);
    expect(issues({ port: 70_000 })).toEqual([['port', 'must be a port from 1 to 65535']]);
    expect(issues({ username: 'greenboard' })).toEqual([['password', 'give both username and password, or neither']]);
    expect(emailNotifier.targetSchema.safeParse({ to: 'alice' }).error?.issues[0]?.message).toBe('expected an email address such as alice@example.com');
  });
});
