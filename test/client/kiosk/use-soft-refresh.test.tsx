import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectionStore, type ConnectionStore } from '../../../client/api/connection';

// The page this build was loaded from; the module under test reads it when first imported.
vi.hoisted(() => {
  document.head.innerHTML =
    '<script type="module" crossorigin src="/assets/index-RUNNING1.js"></script><link rel="stylesheet" href="/assets/index-STYLE001.css">';
});
const { useSoftRefresh } = await import('../../../client/kiosk/use-soft-refresh');

const PERIOD = 60_000;
const served = (script: string) =>
  `<!doctype html><html><head><script type="module" crossorigin src="/assets/${script}"></script><link rel="stylesheet" href="/assets/index-STYLE001.css"></head><body><div id="root"></div></body></html>`;

let page = served('index-RUNNING1.js');
let missing = new Set<string>();
let fetched: string[] = [];
let connection: ConnectionStore;

beforeEach(() => {
  vi.useFakeTimers();
  page = served('index-RUNNING1.js');
  missing = new Set();
  fetched = [];
  connection = createConnectionStore({ state: 'live', lastUpdateAt: Date.now() });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      fetched.push(url);
      if (url === '/') return new Response(page, { headers: { 'content-type': 'text/html' } });
      return new Response(missing.has(url) ? 'not found' : 'x', { status: missing.has(url) ? 404 : 200 });
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const run = (reload: () => void, period: number | null = PERIOD) => renderHook(() => useSoftRefresh(period, connection, reload));

describe('the soft refresh', () => {
  it('with the same build on the server, looks every period and reloads nothing', async () => {
    const reload = vi.fn();
    run(reload);
    await vi.advanceTimersByTimeAsync(PERIOD * 3);
    expect(fetched).toEqual(['/', '/', '/']);
    expect(reload).not.toHaveBeenCalled();
  });

  it("with a new build, fetches the new build's files first, then reloads into it", async () => {
    page = served('index-NEWBUILD.js');
    const reload = vi.fn();
    run(reload);
    await vi.advanceTimersByTimeAsync(PERIOD);
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
    expect(fetched).toEqual(['/', '/assets/index-NEWBUILD.js', '/assets/index-STYLE001.css']);
  });

  it('does not reload when a file of the new build cannot be had: the page carries on and tries again next period', async () => {
    page = served('index-NEWBUILD.js');
    missing.add('/assets/index-NEWBUILD.js');
    const reload = vi.fn();
    run(reload);
    await vi.advanceTimersByTimeAsync(PERIOD);
    expect(reload).not.toHaveBeenCalled();
    missing.clear();
    await vi.advanceTimersByTimeAsync(PERIOD);
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
  });

  it('never while the board is not live: a screen is never reloaded into an error', async () => {
    page = served('index-NEWBUILD.js');
    connection.markStale();
    const reload = vi.fn();
    run(reload);
    await vi.advanceTimersByTimeAsync(PERIOD * 2);
    expect(fetched).toEqual([]);
    expect(reload).not.toHaveBeenCalled();
  });

  it('not at all when turned off', async () => {
    page = served('index-NEWBUILD.js');
    const reload = vi.fn();
    run(reload, null);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(fetched).toEqual([]);
  });
});
