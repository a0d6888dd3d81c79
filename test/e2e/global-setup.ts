import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The end-to-end tests drive the built board, so build it once, fresh. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
