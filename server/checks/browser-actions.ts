import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Page } from 'playwright-core';
import { stopLoading, withinMs } from './browser-bounded';
import { formatMs } from './runner';
import type { Step } from './browser-steps';

/** A step that did not work, with the short reason a person reads on the board. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
}

const MIME_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.html': 'text/html',
  '.xml': 'application/xml',
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text as a person sees it: case as written, any run of spaces or line breaks alike. */
const textPattern = (text: string) => new RegExp(escapeRegExp(text.trim()).replace(/\s+/g, '\\s+'));

/** Does one step on the page within `timeoutMs`. Throws (Playwright's error or a StepFailure) when it cannot. */
export async function performStep(page: Page, step: Step, timeoutMs: number): Promise<void> {
  const timeout = Math.max(1, Math.round(timeoutMs));
  switch (step.action) {
    case 'goto': {
      const response = await page.goto(step.url, { timeout, waitUntil: 'load' });
      if (response && response.status() >= 400) throw new StepFailure(`HTTP ${response.status()}`);
      return;
    }
    case 'fill':
      return page.locator(step.selector).fill(step.value, { timeout });
    case 'click':
      return page.locator(step.selector).click({ timeout });
    case 'press':
      return page.locator(step.selector).press(step.key, { timeout });
    case 'upload':
      return page.locator(step.selector).setInputFiles(await uploadPayload(step.file), { timeout });
    case 'expectText': {
      // Text a user can see: hidden elements (templates, closed dialogs) do not count.
      const pattern = textPattern(step.text);
      const found = step.selector === null ? page.getByText(pattern) : page.locator(step.selector).filter({ hasText: pattern });
      return found.filter({ visible: true }).first().waitFor({ state: 'visible', timeout });
    }
    case 'expectVisible':
      return page.locator(step.selector).first().waitFor({ state: 'visible', timeout });
  }
}

/** A file given inline is handed to the browser from memory: nothing to write, nothing to clean up. */
async function uploadPayload(file: Extract<Step, { action: 'upload' }>['file']) {
  if (typeof file !== 'string') {
    return { name: file.name, mimeType: MIME_TYPES[extname(file.name).toLowerCase()] ?? 'application/octet-stream', buffer: Buffer.from(file.content) };
  }
  const found = await stat(file).catch(() => null);
  if (!found?.isFile()) throw new StepFailure(`file not found on the server: ${file}`);
  return file;
}

const NET_ERRORS: Record<string, string> = {
  ERR_CONNECTION_REFUSED: 'connection refused',
  ERR_CONNECTION_RESET: 'connection reset by the server',
  ERR_CONNECTION_CLOSED: 'connection closed by the server',
  ERR_EMPTY_RESPONSE: 'the server closed the connection without answering',
  ERR_NAME_NOT_RESOLVED: 'host not found',
  ERR_ADDRESS_UNREACHABLE: 'host unreachable',
  ERR_INTERNET_DISCONNECTED: 'network unreachable',
  ERR_TIMED_OUT: 'connection timed out',
};

// Playwright colours parts of its messages for a terminal; a board shows plain text.
// eslint-disable-next-line no-control-regex -- the escape character is what is matched
const ANSI_COLOUR = /\u001b\[\d+m/g;

/**
 * The short reason a step failed: "element not found", "HTTP 503", "text "Welcome" not found".
 * Looking at the page to tell these apart takes at most `lookMs`.
 */
export async function describeStepFailure(page: Page, step: Step, error: unknown, waitedMs: number, lookMs: number): Promise<string> {
  const err = error as { name?: string; message?: string };
  if (err instanceof StepFailure) return err.message;
  const message = (err?.message ?? String(error)).replace(ANSI_COLOUR, '');
  const net = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  if (net) return NET_ERRORS[net] ?? (net.startsWith('ERR_CERT_') || net.startsWith('ERR_SSL_') ? `certificate error: ${net}` : net);
  const many = /strict mode violation: .* resolved to (\d+) elements/.exec(message);
  if (many) return `selector matches ${many[1]} elements; make it match one`;
  if (err?.name === 'TimeoutError') return describeTimeout(page, step, formatMs(waitedMs), lookMs);
  const firstLine = (message.split('\n')[0] ?? '').replace(/^\w+\.\w+: (Error: )?/, '');
  return firstLine.length > 150 ? `${firstLine.slice(0, 149)}…` : firstLine;
}

/** How many elements match, or null when the page does not answer within `ms`. */
async function countWithin(page: Page, selector: string, ms: number): Promise<number | null> {
  const started = performance.now();
  // A page still loading (say, after a click that navigated) answers no query until stopped.
  await stopLoading(page, ms / 2);
  const counted = await withinMs(page.locator(selector).count(), ms - (performance.now() - started));
  return counted.done ? counted.value : null;
}

async function describeTimeout(page: Page, step: Step, waited: string, lookMs: number): Promise<string> {
  if (step.action === 'goto') return `page did not load (waited ${waited})`;
  const count = step.selector === null ? 1 : await countWithin(page, step.selector, lookMs);
  if (count === null) return `the page did not respond (waited ${waited})`;
  if (count === 0) return `element not found (waited ${waited})`;
  if (step.action === 'expectText') return `text "${step.text}" not found${step.selector ? ` in ${step.selector}` : ''} (waited ${waited})`;
  if (step.action === 'expectVisible') return `element is there but not visible (waited ${waited})`;
  return `element not ready: hidden, disabled or covered (waited ${waited})`;
}
