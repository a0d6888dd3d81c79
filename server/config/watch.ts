import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` after the file changes, once per burst of writes. Watches the
 * directory, because editors often save by writing a new file and renaming it over
 * the old one, which ends a watch on the file itself.
 */
export function watchFile(file: string, onChange: () => void, debounceMs = 250): () => void {
  const name = basename(file);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watcher = watch(dirname(file), (_event, changed) => {
    if (changed !== null && changed.toString() !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  watcher.on('error', () => undefined);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
