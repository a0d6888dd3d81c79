import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './requirements';

/** The system Chromium, headless, with nothing reaching beyond this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A new page that reports, on the test's stderr, what would otherwise vanish: a crash
 * of its renderer, an uncaught error in the board's code, and console errors other
 * than failed connections.
 */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('crash', () => console.error(`[browser] the page crashed at ${page.url()}`));
  page.on('pageerror', (error) => console.error(`[browser] uncaught in the page: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    // Failed connections are expected whenever a test stops the server; anything else is news.
    if (message.type() === 'error' && !message.text().includes('net::ERR_')) console.error(`[browser] console error: ${message.text()}`);
  });
  return page;
}
