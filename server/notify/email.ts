import { createTransport } from 'nodemailer';
import { z } from 'zod';
import type { Contact } from '../../shared/api';
import { describeNetworkError } from '../checks/net-errors';
import { createRedactor } from '../checks/redact';
import { formatMs } from '../checks/runner';
import { nonEmpty, port } from '../config/fields';
import { renderEmail } from './email-message';
import { cut, oneLine } from './page-text';
import { DeliveryError, defineNotifier, type DeliveryContext, type PageMessage } from './types';

/** The most of an SMTP server's reply kept in a delivery error. */
const MAX_REPLY_LENGTH = 200;

const emailAddress = z.email({ error: 'expected an email address such as alice@example.com' });
/** `pages@example.com`, or with a display name: `Greenboard <pages@example.com>`. */
const MAILBOX = /^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/;

const configSchema = z
  .strictObject({
    type: z.literal('email'),
    /** The SMTP server pages are handed to. */
    host: nonEmpty,
    port: port.default(587),
    /** True for TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
    secure: z.boolean({ error: 'expected true or false' }).default(false),
    username: nonEmpty.optional(),
    /** Give it as `${VAR}`. */
    password: nonEmpty.optional(),
    /** The sender: `pages@example.com` or `Greenboard <pages@example.com>`. */
    from: z
      .string({ error: 'expected a sender such as "Greenboard <pages@example.com>"' })
      .regex(MAILBOX, 'expected a sender such as "Greenboard <pages@example.com>"'),
  })
  .refine((config) => (config.username === undefined) === (config.password === undefined), {
    error: 'give both username and password, or neither',
    path: ['password'],
  });

const targetSchema = z.strictObject({
  /** Where to send; default the person's `contact.email`. */
  to: emailAddress.optional(),
});

type EmailConfig = z.output<typeof configSchema>;
type EmailTarget = z.output<typeof targetSchema>;

const recipientOf = (target: EmailTarget, contact: Contact) => target.to ?? contact.email ?? null;
const NO_ADDRESS = 'no email address: give the route a `to`, or the person a contact email';

/** What nodemailer puts on the errors it rejects with. */
interface SmtpError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
  message?: string;
}

const CERTIFICATE_CODE = /^CERT_|SELF_SIGNED|^UNABLE_TO_|^ERR_TLS_CERT|HOSTNAME_MISMATCH/;

/** What went wrong with TLS, if that was it: an untrusted certificate, or TLS where the server speaks plain SMTP. */
function tlsProblem(error: SmtpError): string | null {
  const code = error.originalCode ?? '';
  const detail = cut(oneLine(error.message ?? ''), MAX_REPLY_LENGTH);
  if (CERTIFICATE_CODE.test(code)) return `SMTP server's certificate is not trusted: ${detail}`;
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return 'SMTP server did not answer in TLS: is `secure` right for this port? (true for 465, false for 587 and 25)';
  if (error.code === 'ETLS' || code.startsWith('ERR_SSL_')) return `SMTP server's TLS failed: ${detail}`;
  return null;
}

/**
 * Why a mail did not go, in words: the SMTP server's refusal (4xx: try again; 5xx: for good,
 * but 503, a session out of step, which a new one may pass), no answer in time, cancelled,
 * or the server unreachable.
 */
function smtpFailure(error: SmtpError, context: DeliveryContext, deadline: AbortSignal): DeliveryError {
  const timedOut = deadline.aborted || error.code === 'ETIMEDOUT' || (context.signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
  if (error.responseCode !== undefined && error.responseCode >= 400) {
    const reply = cut(oneLine(error.response ?? String(error.responseCode)), MAX_REPLY_LENGTH);
    const permanent = error.permanent ?? (error.responseCode >= 500 && error.responseCode !== 503);
    return new DeliveryError(`SMTP server refused${error.code === 'EAUTH' ? ' the login' : ''}: ${reply}`, !permanent);
  }
  if (timedOut) return new DeliveryError(`no answer from the SMTP server within ${formatMs(context.timeoutMs)}`, true);
  if (context.signal.aborted || error.code === 'EABORT') return new DeliveryError('sending the mail cancelled', true);
  const tls = tlsProblem(error);
  if (tls) return new DeliveryError(tls, true);
  if (error.originalCode)
    return new DeliveryError(`SMTP server unreachable: ${describeNetworkError({ code: error.originalCode, message: error.message })}`, true);
  return new DeliveryError(`SMTP sending failed: ${cut(oneLine(error.message ?? 'unknown error'), MAX_REPLY_LENGTH)}`, true);
}

/** A Message-ID made of the delivery id, so a retried page is recognisable as the same mail. */
function messageId(deliveryId: string, from: string): string {
  const domain = /@([^<>\s@]+)>?$/.exec(from)?.[1] ?? 'greenboard';
  return `<${deliveryId.replace(/[^\w.-]/g, '-')}@${domain}>`;
}

async function sendMail(config: EmailConfig, to: string, message: PageMessage, context: DeliveryContext): Promise<void> {
  const deadline = AbortSignal.timeout(context.timeoutMs);
  const transport = createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.username && config.password ? { auth: { user: config.username, pass: config.password } } : {}),
    // Each wait is bounded by the delivery's timeout; the signal bounds them all together.
    connectionTimeout: context.timeoutMs,
    greetingTimeout: context.timeoutMs,
    socketTimeout: context.timeoutMs,
    dnsTimeout: context.timeoutMs,
    // A page's content is ours, but nothing in it may make the mailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const mail = renderEmail(message);
  try {
    await transport.sendMail({
      from: config.from,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: messageId(message.deliveryId, config.from),
      headers: { 'X-Greenboard-Incident': message.incidentId },
      signal: AbortSignal.any([context.signal, deadline]),
    });
  } catch (error) {
    const failure = smtpFailure(error as SmtpError, context, deadline);
    // A server may quote the login it refused: mask the password wherever a reply holds it.
    throw new DeliveryError(createRedactor(config.password ? [config.password] : [])(failure.message), failure.retryable);
  } finally {
    transport.close();
  }
}

/**
 * Email over SMTP (nodemailer): to the route's `to`, else the person's contact email. One
 * connection per page, each wait bounded by the delivery's timeout. A plain-text and an
 * HTML body (see `renderEmail`), with `X-Greenboard-Incident: {incident id}`.
 */
export const emailNotifier = defineNotifier({
  type: 'email',
  configSchema,
  targetSchema,
  problem: (_config, target, contact) => (recipientOf(target, contact) ? null : NO_ADDRESS),
  address: (_config, target, contact) => recipientOf(target, contact) ?? 'email (no address)',
  secrets: (config) => (config.password ? [config.password] : []),
  async send(config, target, message, context) {
    const to = recipientOf(target, context.contact);
    if (!to) throw new DeliveryError(NO_ADDRESS, false);
    await sendMail(config, to, message, context);
  },
});
