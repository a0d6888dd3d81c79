import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Tests that time browser checks in a real Chromium; they run after the rest, one file at a time. */
const BROWSER_CHECK_TESTS = ['test/server/checks/browser.test.ts', 'test/server/checks/browser-failure.test.ts', 'test/server/checks/registry-shape.test.ts'];

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/shared/**/*.test.ts', 'test/server/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: BROWSER_CHECK_TESTS,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser-checks',
          environment: 'node',
          include: BROWSER_CHECK_TESTS,
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // A Chromium page load timed against a check's timeout must not share two cores
          // with the whole suite: these run after it, beside the end-to-end files only.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          environment: 'jsdom',
          include: ['test/client/**/*.test.{ts,tsx}'],
          setupFiles: ['test/client/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One Chromium at a time: this suite drives real processes and a real browser.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
