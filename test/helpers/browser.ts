import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './requirements';

/** The system Chromium, headless, with nothing reaching beyond this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
