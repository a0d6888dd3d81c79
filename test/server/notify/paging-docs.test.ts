import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailNotifier } from '../../../server/notify/email';
import { ntfyNotifier } from '../../../server/notify/ntfy';
import { pagerdutyNotifier } from '../../../server/notify/pagerduty';
import { slackNotifier } from '../../../server/notify/slack';
import { webhookNotifier } from '../../../server/notify/webhook';
import { FakeApi } from '../oncall/fake-api';
import { deliveryContext, samplePage } from './sample';
import { SmtpReceiver } from '../../helpers/smtp-receiver';

// The examples in docs/paging/ are pages as they left Greenboard, captured here from the
// wire (a real SMTP server, a real HTTP receiver) for one fixed sample page. A change to
// how pages read shows up here first: look at the new files, then regenerate them.

const DOCS = fileURLToPath(new URL('../../../docs/paging/', import.meta.url));
const UPDATE = process.env.UPDATE_DOCS === '1';
const HINT =
  'is out of date with how pages are rendered; look at the change, then regenerate with UPDATE_DOCS=1 npx vitest run test/server/notify/paging-docs.test.ts';

/** Compares a captured example with the one in docs/paging/, or writes it there with UPDATE_DOCS=1. */
function matchesDoc(file: string, captured: string): void {
  const path = `${DOCS}${file}`;
  if (UPDATE) {
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(path, captured);
    return;
  }
  expect(existsSync(path), `docs/paging/${file} is missing; create it with UPDATE_DOCS=1 npx vitest run test/server/notify/paging-docs.test.ts`).toBe(true);
  expect(readFileSync(path, 'utf8'), `docs/paging/${file} ${HINT}`).toBe(captured);
}

const pretty = (json: string) => `${JSON.stringify(JSON.parse(json), null, 2)}\n`;

let receiver: FakeApi;
let base: string;
let smtp: SmtpReceiver;
beforeAll(async () => {
  receiver = new FakeApi(() => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }));
  base = await receiver.listen();
  smtp = new SmtpReceiver();
  await smtp.listen();
});
afterAll(async () => {
  await receiver.close();
  await smtp.close();
});

/** The body of the one request a send made. */
async function captured(send: () => Promise<void>): Promise<string> {
  receiver.received = [];
  await send();
  expect(receiver.received).toHaveLength(1);
  return receiver.received[0]!.body;
}

describe('the paging examples in docs/paging/', () => {
  it('show the email as it is received: its HTML and its plain text', async () => {
    const config = emailNotifier.configSchema.parse({ type: 'email', host: '127.0.0.1', port: smtp.port, from: 'Greenboard <pages@example.com>' });
    await emailNotifier.send(config, {}, samplePage(), deliveryContext());

    const { parsed } = smtp.mails.at(-1)!;
    matchesDoc('email.html', parsed.html as string);
    matchesDoc('email.txt', parsed.text!);
  });

  it('show the Slack message as it is posted', async () => {
    const body = await captured(() =>
      slackNotifier.send(
        slackNotifier.configSchema.parse({ type: 'slack' }),
        { url: `${base}/services/T0/B0/x` },
        samplePage(),
        deliveryContext({ contact: { slack: 'U024BE7LH' } }),
      ),
    );
    matchesDoc('slack.json', pretty(body));
  });

  it('show the PagerDuty event, the ntfy publication and the webhook body as they are sent', async () => {
    const pagerduty = await captured(() =>
      pagerdutyNotifier.send(
        pagerdutyNotifier.configSchema.parse({ type: 'pagerduty', url: `${base}/v2/enqueue` }),
        { routingKey: 'R0c4f8e2a6b1d9c3e7f5a0b8d2c6e4f1' },
        samplePage(),
        deliveryContext(),
      ),
    );
    const ntfy = await captured(() =>
      ntfyNotifier.send(ntfyNotifier.configSchema.parse({ type: 'ntfy', url: base }), { topic: 'alice-pages' }, samplePage(), deliveryContext()),
    );
    const webhook = await captured(() =>
      webhookNotifier.send(webhookNotifier.configSchema.parse({ type: 'webhook', url: `${base}/hook` }), {}, samplePage(), deliveryContext()),
    );

    matchesDoc('pagerduty.json', pretty(pagerduty));
    matchesDoc('ntfy.json', pretty(ntfy));
    matchesDoc('webhook.json', pretty(webhook));
  });
});
