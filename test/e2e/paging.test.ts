import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { SmtpReceiver } from '../helpers/smtp-receiver';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

const { skip } = chromiumRequirement();
const HOUR = 3_600_000;
const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);

describe.skipIf(skip)('who was paged and who acknowledged, on the board in a real browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let smtp: SmtpReceiver;
  let target: HttpTarget;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-paging-'));

  beforeAll(async () => {
    smtp = new SmtpReceiver();
    await smtp.listen();
    target = await startHttpTarget('up');
    const port = await stablePort();
    const config = join(dir, 'board.yaml');
    writeFileSync(
      config,
      `people:
  - { id: alice, name: Alice Liddell, contact: { email: alice@example.com }, notify: [{ via: mail }] }
teams:
  - id: payments
    name: Payments
    oncall:
      rotation: { timezone: UTC, shift: 1w, start: "${local(Date.now() - HOUR)}", members: [alice] }
notifiers:
  - { id: mail, type: email, host: 127.0.0.1, port: ${smtp.port}, from: greenboard@example.com }
paging: { groupWait: 0s, boardUrl: "http://127.0.0.1:${port}" }
services:
  - id: checkout
    name: Checkout
    team: payments
    checks: [{ id: health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms, failureThreshold: 1 }]
  - { id: search, name: Search, checks: [{ id: health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms }] }
`,
    );
    server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port });
    browser = await launchChromium();
    page = await openPage(browser);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await Promise.all([smtp?.close(), target?.close()]);
  });

  it('the red tile says who was paged, then who acknowledged from the link in the email', async () => {
    const tile = page.locator('[data-service="checkout"]');
    await page.locator('[data-service="checkout"][data-status="up"]').waitFor({ timeout: 20_000 });
    target.mode = 'down';
    await page.locator('[data-service="checkout"][data-incident-state="paged"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => tile.innerText()).toMatch(/Paged Alice Liddell/);
    // Search has no team: the room is told nobody was paged, not left thinking someone is on it.
    await page.locator('[data-service="search"][data-incident-state="unpaged"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-service="search"]').innerText()).toMatch(/Nobody paged/);
    await page.screenshot({ path: join(dir, 'paged.png') });

    // Alice opens the link in her email on her phone and acknowledges.
    const mail = await waitFor(() => smtp.mails.find((m) => /DOWN/.test(m.parsed.subject ?? '')), 'the page by email');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/ack\/[A-Za-z0-9_.-]+)/.exec(mail.parsed.text ?? '')![1]!;
    const phone = await openPage(browser, { width: 390, height: 844 });
    await phone.goto(link);
    await phone.locator('[data-ack-button]').click();
    await phone.locator('[data-ack-state="acknowledged"]').waitFor();
    expect(await phone.locator('h1').innerText()).toBe('Acknowledged by Alice Liddell');
    await phone.screenshot({ path: join(dir, 'ack-phone.png') });

    // The wall follows without a reload.
    await page.locator('[data-service="checkout"][data-incident-state="acknowledged"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => tile.innerText()).toMatch(/Acknowledged by Alice Liddell/);
    await page.screenshot({ path: join(dir, 'acknowledged.png') });
    process.stdout.write(`screenshots in ${dir}\n`);
  });
});
