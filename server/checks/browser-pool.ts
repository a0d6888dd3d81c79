import type { Browser } from 'playwright-core';

/** Headless, and nothing reaching beyond what the steps ask for. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** A cold start may be slow on a busy machine; runs that cannot wait this long stop waiting on their own. */
const LAUNCH_TIMEOUT_MS = 30_000;

/** A browser lent to one run; give it back with `release()`. */
export interface BrowserLease {
  /** A connected browser; open a context of your own in it, never use another run's. */
  browser: Browser;
  /** Gives the browser back; it may then be closed when idle. Safe to call twice. */
  release(): void;
}

interface Entry {
  browser: Promise<Browser>;
  users: number;
  idle: ReturnType<typeof setTimeout> | undefined;
}

/**
 * One Chromium process per executable, shared by every run: starting a browser costs
 * far more CPU than a run itself, and each run gets its own isolated context anyway.
 * A browser nobody used for `idleMs` is closed; one that crashed is started afresh.
 */
export class BrowserPool {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly idleMs = 60_000) {}

  /** A running browser at `executablePath`, started if there is none. Rejects if it cannot start. */
  async acquire(executablePath: string): Promise<BrowserLease> {
    const entry = this.#entries.get(executablePath) ?? this.#launch(executablePath);
    entry.users += 1;
    clearTimeout(entry.idle);
    let browser: Browser;
    try {
      browser = await entry.browser;
    } catch (error) {
      entry.users -= 1;
      throw error;
    }
    let released = false;
    return {
      browser,
      release: () => {
        if (released) return;
        released = true;
        this.#release(executablePath, entry);
      },
    };
  }

  /** Closes every browser; for a server that stops, and for tests. */
  async closeAll(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map((entry) => closeQuietly(entry)));
  }

  /** How many browsers are running or starting (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  #launch(executablePath: string): Entry {
    // Loaded on first use: playwright-core is large, and most boards run no browser checks.
    const browser = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS }));
    const entry: Entry = { browser, users: 0, idle: undefined };
    this.#entries.set(executablePath, entry);
    const forget = () => {
      if (this.#entries.get(executablePath) === entry) this.#entries.delete(executablePath);
    };
    entry.browser.then((browser) => browser.on('disconnected', forget), forget);
    return entry;
  }

  #release(executablePath: string, entry: Entry): void {
    entry.users -= 1;
    if (entry.users > 0 || this.#entries.get(executablePath) !== entry) return;
    entry.idle = setTimeout(() => {
      if (entry.users > 0 || this.#entries.get(executablePath) !== entry) return;
      this.#entries.delete(executablePath);
      void closeQuietly(entry);
    }, this.idleMs);
    // An idle browser must not keep a stopping process alive.
    entry.idle.unref();
  }
}

async function closeQuietly(entry: Entry): Promise<void> {
  clearTimeout(entry.idle);
  const browser = await entry.browser.catch(() => null);
  await browser?.close().catch(() => undefined);
}

/** The browsers all browser checks share. */
export const sharedBrowsers = new BrowserPool();
