import { existsSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';
import { withinMs } from './browser-bounded';
import { sharedBrowsers, type BrowserLease, type BrowserPool } from './browser-pool';
import { runSteps, saveScreenshot, type StepsResult } from './browser-run';
import { stepLabel, stepsSchema, type Step } from './browser-steps';
import { redactUrl } from './redact-url';
import { urlSecrets } from './redact';
import { formatMs } from './runner';
import { defineCheckType, type ArtifactSink, type Observation, type RunContext } from './types';

/** Where Chromium is looked for unless CHROMIUM_PATH says otherwise. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const configSchema = z.strictObject({
  type: z.literal('browser'),
  steps: stepsSchema,
  viewport: z
    .strictObject({
      width: z.number({ error: 'expected a width in pixels' }).int().min(200).max(3840),
      height: z.number({ error: 'expected a height in pixels' }).int().min(200).max(2160),
    })
    .optional(),
});

type BrowserConfig = z.output<typeof configSchema> & { timeout: number };

const aborted = (): Observation => ({ outcome: 'failed', message: 'aborted', latencyMs: null });
const unknown = (message: string): Observation => ({ outcome: 'unknown', message, latencyMs: null });
const firstLine = (error: unknown) => ((error as Error)?.message ?? String(error)).split('\n')[0]!.slice(0, 200);

function describeLaunchError(error: unknown, executable: string): string {
  const line = firstLine(error).replace(/^\w+\.\w+: /, '');
  return /has been closed/.test(line) ? `it exited as soon as it started (is ${executable} Chromium?)` : line;
}

/** Time kept back from the steps for a screenshot and closing, so a failure is reported before the runner's deadline. */
const reserveMs = (timeoutMs: number) => Math.min(Math.max(timeoutMs * 0.25, 250), 2_000);

/** How the reserve is spent on a failure: a look at the page to say why, then the screenshot; the rest is for closing. */
const LOOK_SHARE = 0.2;
const SHOT_SHARE = 0.5;
/** The part of the reserve kept after closing, for the result to reach the runner on a busy machine. */
const CLOSE_MARGIN_SHARE = 0.15;

/** Waits for the lease unless the run is aborted first; a lease that comes too late is given back. */
function leaseUnlessAborted(lease: Promise<BrowserLease>, signal: AbortSignal): Promise<BrowserLease | null> {
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    lease.then(
      (got) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) return got.release();
        resolve(got);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function judge(config: BrowserConfig, result: StepsResult, lease: BrowserLease, shot: object): Observation {
  const details = { steps: result.reports };
  if (!result.failure) {
    return { outcome: 'ok', message: `${config.steps.length} steps ok in ${formatMs(result.elapsedMs)}`, latencyMs: result.elapsedMs, details };
  }
  const { index, reason } = result.failure;
  const where = `step ${index + 1} '${stepLabel(config.steps[index]!)}'`;
  if (!lease.browser.isConnected()) return { ...unknown(`the browser crashed at ${where}; it is started afresh for the next run`), details };
  return { outcome: 'failed', message: `${where}: ${reason}`, latencyMs: null, details: { ...details, failedStep: index + 1, ...shot } };
}

/** The page's address and, within `timeoutMs`, a screenshot, or why there is none. */
async function failureEvidence(page: Page, steps: Step[], failedIndex: number, artifacts: ArtifactSink, timeoutMs: number) {
  // Only steps up to the failed one have typed anything that a screenshot could show.
  const typed = typedValues(steps.slice(0, failedIndex + 1));
  return { pageUrl: redactUrl(page.url()), ...(await saveScreenshot(page, typed, artifacts, timeoutMs)) };
}

async function runInContext(config: BrowserConfig, signal: AbortSignal, context: RunContext, lease: BrowserLease, deadline: number): Promise<Observation> {
  let browserContext: BrowserContext | undefined;
  // One closing, awaited by everyone: a second close() returns before the first is done.
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= browserContext?.close().catch(() => undefined));
  // Closing the context makes every pending page operation fail at once.
  const onAbort = () => void close();
  signal.addEventListener('abort', onAbort, { once: true });
  const reserve = reserveMs(config.timeout);
  try {
    browserContext = await lease.browser.newContext({
      viewport: config.viewport ?? { width: 1280, height: 720 },
      acceptDownloads: false,
      serviceWorkers: 'block',
    });
    if (signal.aborted) return aborted();
    const page = await browserContext.newPage();
    const result = await runSteps(page, config.steps, deadline - reserve, signal, reserve * LOOK_SHARE);
    if (signal.aborted) return aborted();
    const shot = result.failure ? await failureEvidence(page, config.steps, result.failure.index, context.artifacts, reserve * SHOT_SHARE) : {};
    return judge(config, result, lease, shot);
  } catch (error) {
    return signal.aborted ? aborted() : unknown(`the browser failed: ${firstLine(error)}`);
  } finally {
    signal.removeEventListener('abort', onAbort);
    // A renderer stuck in a script can be slow to close; the result need not wait for it,
    // and stops waiting with part of the reserve left, so it reaches the runner before its own timer.
    await withinMs(close() ?? Promise.resolve(), deadline - reserve * CLOSE_MARGIN_SHARE - performance.now());
  }
}

const typedValues = (steps: Step[]) => steps.flatMap((step) => (step.action === 'fill' && step.secret ? [step.value] : []));

/** The browser check, borrowing Chromium from `pool`. */
export function createBrowserCheck(pool: BrowserPool = sharedBrowsers) {
  return defineCheckType({
    type: 'browser',
    configSchema,
    describe: (config) => {
      const first = config.steps[0];
      return `browser: ${config.steps.length} step${config.steps.length === 1 ? '' : 's'}${first?.action === 'goto' ? ` from ${redactUrl(first.url)}` : ''}`;
    },
    // Anything typed may be a password; URLs visited may carry one.
    secrets: (config) => [...typedValues(config.steps), ...config.steps.flatMap((step) => (step.action === 'goto' ? urlSecrets(step.url) : []))],
    async run(config, signal, context): Promise<Observation> {
      const deadline = performance.now() + config.timeout;
      if (signal.aborted) return aborted();
      const executable = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
      if (!existsSync(executable)) return unknown(`Chromium is not installed on the server (looked at ${executable})`);
      let lease: BrowserLease | null;
      try {
        lease = await leaseUnlessAborted(pool.acquire(executable), signal);
      } catch (error) {
        return unknown(`Chromium could not start: ${describeLaunchError(error, executable)}`);
      }
      if (!lease) return aborted();
      try {
        return await runInContext(config, signal, context, lease, deadline);
      } finally {
        lease.release();
      }
    },
  });
}

export const browserCheck = createBrowserCheck();
