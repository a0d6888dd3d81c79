import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The end-to-end tests drive the built board, so build it once, fresh, the way `npm start`
 * does: a production build, whatever NODE_ENV the test runner set. The board left in
 * dist/client is then one `npm start` may serve.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--force', 'client'], { cwd: root, stdio: 'inherit' });
}
