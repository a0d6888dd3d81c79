import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '../log';

export interface WatchOptions {
  /** Where failures to watch or read the file are reported. */
  log: Logger;
  /**
   * Quiet time after a change before the file is read, and again before it is read a
   * second time: only text that two reads agree on is handed over.
   */
  settleMs?: number;
  /** How long to wait before watching again after the watch failed. */
  retryMs?: number;
  /** Starts the watch of a directory; `fs.watch` unless a test needs it to fail as the OS can. */
  watch?: (dir: string, listener: (event: string, name: string | Buffer | null) => void) => FSWatcher;
}

/**
 * Calls `onChange` with the file's text once it has stopped changing: a file written
 * in parts, or emptied and then filled, is handed over only in full. Watches the
 * directory, because editors often save by writing a new file and renaming it over
 * the old one, which ends a watch on the file itself. Failures are logged once, not
 * at every retry. Returns a function that stops watching.
 */
export function watchFile(file: string, onChange: (text: string) => void, options: WatchOptions): () => void {
  const { log, settleMs = 250, retryMs = 5_000, watch = fsWatch } = options;
  const name = basename(file);
  let watcher: FSWatcher | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let previous: string | undefined;
  let watchFailing = false;
  let readFailure: string | undefined;
  let stopped = false;

  const arm = () => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => void settle(), settleMs);
  };
  const changed = () => {
    previous = undefined;
    arm();
  };

  const settle = async () => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      // Often only a moment while an editor swaps the file in; its next event brings it back.
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (code !== readFailure) log.warn({ file, err: error }, 'cannot read the config file; the running config stays in force');
      readFailure = code;
      previous = undefined;
      return;
    }
    readFailure = undefined;
    if (stopped) return;
    if (text !== previous) {
      previous = text;
      log.debug({ file, bytes: text.length }, 'config file changed; waiting until it stops changing');
      arm();
      return;
    }
    previous = undefined;
    onChange(text);
  };

  const fail = (error: unknown) => {
    if (!watchFailing) {
      log.error({ file, err: error }, `cannot watch the config file for changes; trying again every ${retryMs / 1000}s (SIGHUP reloads it meanwhile)`);
    }
    watchFailing = true;
    retryTimer = setTimeout(start, retryMs);
    retryTimer.unref();
  };

  function start() {
    if (stopped) return;
    try {
      const current = watch(dirname(file), (_event, changedName) => {
        if (changedName === null || changedName.toString() === name) changed();
      });
      current.on('error', (error) => {
        // A watch that failed is closed for good; only the current one is retried.
        if (current !== watcher) return;
        current.close();
        watcher = undefined;
        fail(error);
      });
      watcher = current;
    } catch (error) {
      fail(error);
      return;
    }
    if (watchFailing) {
      watchFailing = false;
      log.info({ file }, 'watching the config file for changes again');
      changed(); // it may have changed while nobody watched
    }
  }

  start();
  return () => {
    stopped = true;
    clearTimeout(settleTimer);
    clearTimeout(retryTimer);
    watcher?.close();
  };
}
