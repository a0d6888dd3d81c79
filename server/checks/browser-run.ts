import type { Page } from 'playwright-core';
import { describeStepFailure, performStep } from './browser-actions';
import { stopLoading, withinMs } from './browser-bounded';
import { stepLabel, type Step } from './browser-steps';
import { formatMs } from './runner';
import type { ArtifactSink } from './types';

/** How one step went, as the service page lists it. */
export interface StepReport {
  /** The step in words: "click #login". */
  step: string;
  outcome: 'ok' | 'failed' | 'skipped';
  /** Time the step took; null when it did not run. */
  ms: number | null;
  /** Why it failed, in a few words. */
  error?: string;
}

export interface StepsResult {
  reports: StepReport[];
  /** The first step that failed (0-based) and why; absent when every step worked. */
  failure?: { index: number; reason: string };
  /** Time the steps took, in milliseconds. */
  elapsedMs: number;
}

/**
 * Runs the steps in order, each allowed whatever time is left before `deadline`
 * (a performance.now() value), and stops at the first that fails. Finding out why
 * it failed may take `lookMs` more.
 */
export async function runSteps(page: Page, steps: Step[], deadline: number, signal: AbortSignal, lookMs: number): Promise<StepsResult> {
  const reports: StepReport[] = [];
  const started = performance.now();
  let failure: StepsResult['failure'];
  for (const [index, step] of steps.entries()) {
    const label = stepLabel(step);
    if (failure) {
      reports.push({ step: label, outcome: 'skipped', ms: null });
      continue;
    }
    const stepStarted = performance.now();
    const left = deadline - stepStarted;
    try {
      if (left < 1) throw new Error("no time left within the check's timeout");
      await performStep(page, step, left);
      reports.push({ step: label, outcome: 'ok', ms: Math.round(performance.now() - stepStarted) });
    } catch (error) {
      const ms = performance.now() - stepStarted;
      const reason = signal.aborted ? 'aborted' : await describeStepFailure(page, step, error, ms, lookMs);
      reports.push({ step: label, outcome: 'failed', ms: Math.round(ms), error: reason });
      failure = { index, reason };
    }
  }
  return { reports, elapsedMs: performance.now() - started, ...(failure ? { failure } : {}) };
}

type Shot = { screenshot: string } | { screenshotError: string };

const firstLine = (error: unknown) => ((error as Error)?.message ?? String(error)).split('\n')[0];

/** Blanks fields holding a typed value; resolves once done, which a page busy loading or in a script may never be. */
function blankTypedValues(page: Page, typed: string[]): Promise<void> {
  return page.evaluate((values) => {
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
      if (field.value && values.includes(field.value)) field.value = '•'.repeat(8);
    }
  }, typed);
}

/**
 * A PNG of the page as it was when a step failed, saved as an artifact, within
 * `timeoutMs` whatever the page does. A page still loading is stopped first so that it
 * can be pictured. Values the steps typed (`typed`) are blanked out first, so a secret
 * typed into a plain text field does not end up in a picture that the runner cannot
 * redact; if the page cannot be made to blank them, no picture is taken.
 */
export async function saveScreenshot(page: Page, typed: string[], artifacts: ArtifactSink, timeoutMs: number): Promise<Shot> {
  const until = performance.now() + timeoutMs;
  const left = () => until - performance.now();
  await stopLoading(page, left() / 4);
  if (typed.length > 0) {
    const blanked = await withinMs(blankTypedValues(page, typed), left() / 2);
    if (!blanked.done) return { screenshotError: 'no screenshot: the page did not respond, so typed values could not be blanked out first' };
  }
  if (left() < 1) return { screenshotError: "no screenshot: no time left within the check's timeout" };
  try {
    const png = await page.screenshot({ type: 'png', timeout: Math.round(left()) });
    return { screenshot: await artifacts.save(png, { extension: 'png', contentType: 'image/png' }) };
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    return { screenshotError: timedOut ? `no screenshot: the page did not draw one within ${formatMs(timeoutMs)}` : `no screenshot: ${firstLine(error)}` };
  }
}
