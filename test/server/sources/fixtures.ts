import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', 'fixtures');

/** Captured JSON, which tests change field by field to make the variations they need. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any wrong shape is what the parsers under test must catch
export type Json = any;

/** A fresh copy of a captured body (`alertmanager/webhook-firing.json`), safe to change in a test. */
export function fixture(path: string): Json {
  return JSON.parse(readFileSync(join(root, path), 'utf8'));
}
