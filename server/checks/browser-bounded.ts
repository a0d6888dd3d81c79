import type { Page } from 'playwright-core';

/** What came of work given a time limit: its value, or nothing when it failed or took too long. */
export type Bounded<T> = { done: true; value: T } | { done: false };

/**
 * Waits for `work` at most `ms` milliseconds and never throws. Page operations on the
 * failure path go through this: a page still loading, or stuck in a script, may never
 * answer, and the check must still report before its deadline. Work that loses the race
 * is left to finish or fail unobserved; a page operation ends when the run's context closes.
 */
export function withinMs<T>(work: Promise<T>, ms: number): Promise<Bounded<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ done: false }), Math.max(0, ms));
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ done: true, value });
      },
      () => {
        clearTimeout(timer);
        resolve({ done: false });
      },
    );
  });
}

/**
 * Stops a page that is still loading, as the browser's stop button does, and keeps what
 * has arrived. Until then Playwright cannot run a script in the page nor picture it.
 * Playwright has no call for this, so it goes through the DevTools protocol (Chromium only).
 * Gives up silently after `ms`: the caller then finds the page unreadable and says so.
 */
export async function stopLoading(page: Page, ms: number): Promise<void> {
  const stop = async () => {
    const session = await page.context().newCDPSession(page);
    try {
      await session.send('Page.stopLoading');
    } finally {
      await session.detach().catch(() => undefined);
    }
  };
  await withinMs(stop(), ms);
}
