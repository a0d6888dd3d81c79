import { createServer, type Server, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A reply the server gives instead of accepting: at which command, with which code and text. */
export interface SmtpRefusal {
  at: 'auth' | 'rcpt' | 'data';
  code: number;
  text: string;
}

/** A mail the server took, as sent on the wire and as a mail reader parses it. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  login: string | null;
  raw: string;
  parsed: ParsedMail;
}

const failWith = (refusal: SmtpRefusal) => Object.assign(new Error(refusal.text), { responseCode: refusal.code });

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that keeps every mail it takes, or refuses
 * as the test says. Without `starttls` it does not offer STARTTLS, as a local relay may not.
 */
export class SmtpReceiver {
  mails: ReceivedMail[] = [];
  refusal: SmtpRefusal | null = null;
  /** The one login taken, when set; any other is refused with 535. */
  credentials: { username: string; password: string } | null = null;
  port = 0;
  private readonly server: SMTPServer;

  constructor(options: { starttls?: boolean } = {}) {
    const settings: SMTPServerOptions = {
      logger: false,
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: options.starttls ? [] : ['STARTTLS'],
      onAuth: (auth, _session, callback) => {
        if (this.refusal?.at === 'auth') return callback(failWith(this.refusal));
        const known = this.credentials;
        if (!known || auth.username !== known.username || auth.password !== known.password)
          return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        callback(null, { user: auth.username });
      },
      onRcptTo: (_address, _session, callback) => callback(this.refusal?.at === 'rcpt' ? failWith(this.refusal) : null),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refusal?.at === 'data') return callback(failWith(this.refusal));
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              const envelope = {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              };
              this.mails.push({ envelope, login: (session.user as string | undefined) ?? null, raw, parsed });
              callback(null);
            },
            (error: Error) => callback(error),
          );
        });
      },
    };
    this.server = new SMTPServer(settings);
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return this.port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A TCP server that takes connections and never says a word: an SMTP server that hangs before its greeting. */
export async function silentServer(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
