import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/access/passwords';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's WCAG 2.2 A/AA rules over the page as it is now: its serious and critical violations, by rule and target. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the board's CSP allows no inline script, rightly.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
  });
}

/**
 * A board that needs access, in a real browser: an admin signs in, makes a wall screen's
 * link on /admin and revokes it; the screen shows the board with no token in its address,
 * then says across the room that its access was revoked, without a reload; a person with
 * nothing gets Greenboard's own page with a way to sign in.
 */
describe.skipIf(skip)('access in the browser', () => {
  let target: HttpTarget;
  let failing: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let admin: Page;
  let tv: Page;
  let link = '';
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-access-'));

  beforeAll(async () => {
    target = await startHttpTarget('up');
    failing = await startHttpTarget('down');
    const config = join(dir, 'board.yaml');
    writeFileSync(
      config,
      `access:
  board: token
  users:
    - { id: ada, name: Ada Admin, role: admin, passwordHash: "${await hashPassword('pw-ada')}" }
services:
  - id: checkout
    name: Checkout API
    checks:
      - { id: health, type: http, url: "${target.url}/health", interval: 1s, timeout: 500ms }
  - id: ledger
    name: Ledger
    checks:
      - { id: health, type: http, url: "${failing.url}/health", interval: 1s, timeout: 500ms, failureThreshold: 1 }
`,
    );
    server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    admin = await openPage(browser, { width: 1280, height: 800 });
    tv = await openPage(browser, { width: 1920, height: 1080 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await target?.close();
    await failing?.close();
  });

  it('an admin signs in through the sign-in page, makes a board token on /admin and is shown its link once', async () => {
    await admin.goto(`${server.url}/signin?next=/admin`);
    await admin.fill('#user', 'ada');
    await admin.fill('#password', 'pw-ada');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.locator('[data-admin="ready"]').waitFor({ timeout: 15_000 });
    expect(new URL(admin.url()).pathname).toBe('/admin');
    expect(await admin.locator('.admin-who').innerText()).toMatch(/Signed in as Ada Admin/);

    const boards = admin.getByRole('region', { name: 'Board tokens (wall screens)' });
    await boards.getByLabel('Screen name').fill('Office TV');
    await boards.getByRole('button', { name: 'Create board token' }).click();
    const field = boards.locator('[data-copy-field="link"]');
    await field.waitFor();
    link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/\\?token=gbb_[\\w-]+$`));
    await expect.poll(() => boards.getByText('This is the only time it is shown', { exact: false }).isVisible()).toBe(true);
    await boards.getByRole('rowheader', { name: 'Office TV' }).waitFor();

    for (const scheme of ['dark', 'light'] as const) {
      await admin.emulateMedia({ colorScheme: scheme });
      await admin.screenshot({ path: `/tmp/greenboard-admin-${scheme}.png`, fullPage: true });
      expect(await seriousViolations(admin), `${scheme} admin page`).toEqual([]);
    }
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: '/tmp/greenboard-admin-390.png', fullPage: true });
    await admin.setViewportSize({ width: 1280, height: 800 });
    await admin.emulateMedia({ colorScheme: 'dark' });
  });

  it('a wall screen opens that link and shows the board, with no token left in its address', async () => {
    expect(link).not.toBe('');
    await tv.goto(`${link.replace(/\?token=/, '?kiosk&token=')}`);
    await tv.locator('[data-service="checkout"][data-status="up"]').waitFor({ timeout: 15_000 });
    const address = new URL(tv.url());
    expect(address.pathname).toBe('/');
    expect([...address.searchParams.keys()]).toEqual(['kiosk']);
    expect(tv.url()).not.toContain('gbb_');
    expect(await tv.evaluate(() => document.documentElement.hasAttribute('data-kiosk'))).toBe(true);
  });

  it('a screen may watch but not acknowledge: a service page there offers a person the sign-in page instead', async () => {
    await tv.goto(`${server.url}/services/ledger`);
    const signIn = tv.getByRole('link', { name: 'Sign in to acknowledge' });
    await signIn.waitFor({ timeout: 15_000 });
    expect(await signIn.getAttribute('href')).toBe('/signin?next=%2Fservices%2Fledger');
    expect(await tv.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);
    await tv.locator('.incident-ack').screenshot({ path: '/tmp/greenboard-ack-sign-in.png' });
    // Back to the wall, as the screen was.
    await tv.goto(`${server.url}/?kiosk`);
    await tv.locator('[data-service="checkout"]').waitFor({ timeout: 15_000 });
  });

  it('a signed-in admin acknowledges in their own name, the page sending its CSRF token', async () => {
    await admin.goto(`${server.url}/services/ledger`);
    const ack = admin.getByRole('button', { name: 'Acknowledge as Ada Admin' });
    await ack.waitFor({ timeout: 15_000 });
    expect(await admin.getByLabel(/Your name/).count()).toBe(0);
    await admin.locator('.incident-ack').screenshot({ path: '/tmp/greenboard-ack-as.png' });
    await ack.click();
    await admin
      .getByRole('status')
      .filter({ hasText: /^Acknowledged by Ada Admin at / })
      .waitFor();
    await admin.goto(`${server.url}/admin`);
    await admin.locator('[data-admin="ready"]').waitFor();
  });

  it('revoked on /admin, the screen says so full-screen at once, and the server says it after a reload', async () => {
    const row = admin.locator('tr', { has: admin.getByRole('rowheader', { name: 'Office TV' }) });
    await row.getByRole('button', { name: 'Revoke Office TV' }).click();
    await row.getByRole('button', { name: 'Revoke Office TV?' }).click();
    await admin.locator('tr[data-token-status="revoked"]', { hasText: 'Office TV' }).waitFor();

    const revoked = tv.locator('[data-access="revoked"]');
    await revoked.waitFor({ timeout: 15_000 });
    expect(await revoked.getByRole('heading', { level: 1 }).innerText()).toBe("This screen's access was revoked");
    expect(await revoked.innerText()).toContain('Ask an admin for a new board link for this screen.');
    // Over the whole screen, and on top of everything there: the kiosk's clock too.
    expect(await revoked.boundingBox()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    // A kiosk lets no pointer through, so hit-testing cannot tell: no fixed layer there (the clock's, say) is drawn above it.
    expect(await tv.locator('.kiosk-corner').count()).toBe(1);
    const above = await tv.evaluate(() => {
      const overlay = document.querySelector('[data-access="revoked"]')!;
      const z = (el: Element) => Number(getComputedStyle(el).zIndex) || 0;
      return [...document.querySelectorAll('body *')]
        .filter((el) => !overlay.contains(el) && getComputedStyle(el).position === 'fixed' && getComputedStyle(el).visibility !== 'hidden')
        .filter((el) => z(el) >= z(overlay))
        .map((el) => el.className);
    });
    expect(above).toEqual([]);
    await tv.screenshot({ path: '/tmp/greenboard-revoked-1920.png' });

    const reloaded = await tv.reload();
    expect(reloaded?.status()).toBe(403);
    await tv.locator('[data-plain-page] [data-access="revoked"]').waitFor();
    expect(await tv.locator('h1').innerText()).toBe("This screen's access was revoked");
  });

  it('a person who opens the board with nothing gets its own page with a sign-in form, not a browser error', async () => {
    const person = await openPage(browser, { width: 1280, height: 800 });
    try {
      const response = await person.goto(server.url);
      expect(response?.status()).toBe(401);
      expect(await person.locator('[data-access="needed"]').innerText()).toBe('This board needs access');
      const form = person.locator('form[data-signin-form]');
      expect(await form.getAttribute('action')).toBe('/signin');
      expect(await form.locator('input[name="next"]').inputValue()).toBe('/');
      expect(await person.locator('[data-service]').count()).toBe(0);
    } finally {
      await person.close();
    }
  });
});
