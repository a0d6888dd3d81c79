import { appendFileSync, mkdtempSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFile, type WatchOptions } from '../../../server/config/watch';
import { waitFor } from '../../helpers/wait';

interface LogLine {
  level: number;
  msg: string;
}

/** A real pino logger whose lines a test can read, and react to the moment they are written. */
function capturingLogger(onLine: (line: LogLine) => void = () => undefined) {
  const lines: LogLine[] = [];
  const log = pino(
    { level: 'debug' },
    {
      write(text: string) {
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        onLine(line);
      },
    },
  );
  return { log, lines };
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function startWatching(file: string, options: WatchOptions) {
  const seen: string[] = [];
  stops.push(watchFile(file, (text) => seen.push(text), options));
  return seen;
}

const configFile = (text = 'services: []\n') => {
  const file = join(mkdtempSync(join(tmpdir(), 'gb-watch-')), 'board.yaml');
  writeFileSync(file, text);
  return file;
};

const PART_ONE = 'services:\n  - id: api\n    name: API\n';
const PART_TWO = '  - id: web\n    name: Web\n';

describe('watching the config file', () => {
  it('a file written in two parts with a pause is handed over only in full', async () => {
    const file = configFile();
    let secondPartWritten = false;
    // The second part lands just after the watcher has read the first: the pause a slow
    // writer makes, at the worst moment.
    const { log } = capturingLogger((line) => {
      if (!secondPartWritten && line.msg.includes('waiting until it stops changing')) {
        secondPartWritten = true;
        appendFileSync(file, PART_TWO);
      }
    });
    const seen = startWatching(file, { log });
    writeFileSync(file, PART_ONE);
    await waitFor(() => seen.length > 0, 'the change to be handed over');
    expect(seen).toEqual([PART_ONE + PART_TWO]);
  });

  it('when the watch fails, that is logged once, and changes are picked up once it works again', async () => {
    const file = configFile();
    const { log, lines } = capturingLogger();
    let attempts = 0;
    let current: FSWatcher | undefined;
    // The system's limit of watches is reached for the first attempts, as when a machine runs out of inotify watches.
    const flakyWatch: WatchOptions['watch'] = (dir, listener) => {
      attempts += 1;
      if (attempts <= 3) throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
      current = watch(dir, listener);
      return current;
    };
    const seen = startWatching(file, { log, watch: flakyWatch, retryMs: 10 });
    await waitFor(() => lines.some((l) => l.msg.includes('watching the config file for changes again')), 'the watch to work again');
    expect(lines.filter((l) => l.msg.includes('cannot watch the config file'))).toHaveLength(1);
    expect(lines.find((l) => l.msg.includes('cannot watch the config file'))).toMatchObject({ level: 50, file });

    // A watch that breaks while running is retried as well, and logged once more.
    current!.emit('error', Object.assign(new Error('EIO: i/o error, watch'), { code: 'EIO' }));
    await waitFor(() => lines.filter((l) => l.msg.includes('watching the config file for changes again')).length === 2, 'the broken watch to be replaced');
    expect(lines.filter((l) => l.msg.includes('cannot watch the config file'))).toHaveLength(2);

    seen.length = 0;
    writeFileSync(file, PART_ONE);
    await waitFor(() => seen.includes(PART_ONE), 'a change seen by the new watch');
  });
});
