import type { ConnectionStore } from '../api/connection';
import { useConnectionState, useLastUpdateAt } from '../api/use-connection';
import { useNow } from '../board/use-now';
import { clockText, updatedAgoText } from './corner-text';

/**
 * The time, and how fresh the board is, in a corner of a kiosk screen: someone glancing
 * at a TV nobody touches can tell at once that it is alive. `data-updated-ago` holds the
 * seconds since the server last spoke, for scripts that watch screens.
 */
export function KioskCorner({ connection }: { connection: ConnectionStore }) {
  const now = useNow();
  const lastUpdateAt = useLastUpdateAt(connection);
  const live = useConnectionState(connection) === 'live';
  const seconds = lastUpdateAt === null ? '' : String(Math.max(0, Math.floor((now - lastUpdateAt) / 1000)));
  const clock = clockText(now);
  return (
    <aside className="kiosk-corner" aria-label="Clock" data-stale={live ? undefined : ''}>
      <time className="kiosk-clock" data-kiosk-clock={clock} dateTime={clock}>
        {clock}
      </time>
      {/* Ticks every second: never read out. */}
      <span className="kiosk-updated" data-updated-ago={seconds} aria-live="off">
        {updatedAgoText(lastUpdateAt, now)}
      </span>
    </aside>
  );
}
