import { useEffect } from 'react';
import type { ConnectionStore } from '../api/connection';
import { fetchServedPage, isNewBuild, prepareBuild } from './swap-in';

const reloadPage = () => window.location.reload();

/**
 * Every `periodMs`, while the board is live, asks the server which build it serves; when
 * it is a new one, readies it and reloads into it. Readied first, the reload is quick:
 * the page is dark from its first paint (index.html says so inline) and the browser keeps
 * the old picture until the new page paints, so the screen never flashes white. Never
 * while the server is away, so a screen is never reloaded into an error.
 */
export function useSoftRefresh(periodMs: number | null, connection: ConnectionStore, reload: () => void = reloadPage): void {
  useEffect(() => {
    if (periodMs === null) return;
    let busy = false;
    const live = () => connection.get().state === 'live';
    const check = async () => {
      if (busy || !live()) return;
      busy = true;
      try {
        const served = await fetchServedPage();
        if (served && isNewBuild(served) && (await prepareBuild(served)) && live()) reload();
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void check(), periodMs);
    return () => clearInterval(timer);
  }, [periodMs, connection, reload]);
}
