import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail as it arrived: when the server took it, to whom, and what it is about. */
export interface SunkMail {
  /** Date.now() when the end of the message arrived. */
  at: number;
  to: string[];
  subject: string;
  /** The `X-Greenboard-Incident` header: which incident the page is for. */
  incidentId: string | null;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that takes every mail and notes when it
 * arrived: where a page is "handed to the SMTP server".
 */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  port = 0;
  private readonly server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // Pages of a storm arrive together; the default of 100 connections is not the bottleneck measured here.
    maxClients: 1_000,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const at = Date.now();
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            const incident = parsed.headers.get('x-greenboard-incident');
            this.mails.push({ at, to, subject: parsed.subject ?? '', incidentId: typeof incident === 'string' ? incident : null });
            callback(null);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return this.port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
