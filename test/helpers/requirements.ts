import { existsSync } from 'node:fs';

/**
 * Whether an external component a test needs is present. Absent: the test is
 * skipped with the reason printed, except under CI=true, where a missing component
 * is a failure, so nothing skips silently in CI.
 */
export function requirement(name: string, present: boolean, hint: string): { skip: boolean } {
  if (present) return { skip: false };
  if (process.env.CI === 'true') throw new Error(`${name} is required when CI=true: ${hint}`);
  console.warn(`skipping tests that need ${name}: ${hint}`);
  return { skip: true };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumRequirement() {
  return requirement('Chromium', existsSync(CHROMIUM_PATH), `install it (apt-get install -y chromium) or set CHROMIUM_PATH; looked at ${CHROMIUM_PATH}`);
}
