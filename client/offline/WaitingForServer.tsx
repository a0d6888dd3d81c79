import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConnectionState, ConnectionStore } from '../api/connection';
import { servicesQuery } from '../api/services';
import { useConnectionState } from '../api/use-connection';
import { formatClock } from '../board/clock';
import { useNow } from '../board/use-now';
import { formatAgo } from '../service/format';
import type { ServerReach } from './server-reach';
import './waiting.css';

/**
 * Greenboard's own word when a page opened but its server never answered (a TV that
 * booted before the server, from the service worker's copy of the page): what it waits
 * for, and that it keeps trying by itself. Over the last board known, when there is one,
 * which is shown stale. Gone at the first snapshot; a page that was live once says
 * "Connection lost" instead (the board's stale overlay).
 */
export function WaitingForServer({ connection, reach }: { connection: ConnectionStore; reach: ServerReach }) {
  const state = useConnectionState(connection);
  const everLive = useEverLive(state);
  const { failures, lastFailureAt } = useSyncExternalStore(reach.subscribe, reach.get);
  const waiting = !everLive && state !== 'live' && failures > 0;
  // Only looks: the board's own query fetches (and the service worker may answer from its copy).
  const { data } = useQuery({ ...servicesQuery(), enabled: false });
  const lastBoardAt = waiting && data ? finiteOrNull(Date.parse(data.generatedAt)) : null;
  useLastBoardShownStale(waiting && data !== undefined, lastBoardAt, connection);
  useEffect(() => {
    if (!waiting) return;
    document.documentElement.dataset.waiting = '';
    return () => void delete document.documentElement.dataset.waiting;
  }, [waiting]);
  if (!waiting) return null;
  return <WaitingPanel failures={failures} lastFailureAt={lastFailureAt} lastBoardAt={lastBoardAt} />;
}

const finiteOrNull = (n: number) => (Number.isFinite(n) ? n : null);

function useEverLive(state: ConnectionState): boolean {
  const [everLive, setEverLive] = useState(state === 'live');
  if (state === 'live' && !everLive) setEverLive(true);
  return everLive;
}

/**
 * A board that arrived while the server cannot be reached (the one the service worker
 * kept) is shown, never as live: stale, dated by when it was true.
 */
function useLastBoardShownStale(show: boolean, at: number | null, connection: ConnectionStore): void {
  useEffect(() => {
    if (!show || connection.get().state !== 'connecting') return;
    if (at !== null) connection.heard(at);
    connection.markStale();
  }, [show, at, connection]);
}

interface PanelProps {
  failures: number;
  lastFailureAt: number | null;
  /** When the board behind the panel was true; null when there is none. */
  lastBoardAt: number | null;
}

function WaitingPanel({ failures, lastFailureAt, lastBoardAt }: PanelProps) {
  const now = useNow();
  const tries = failures === 1 ? 'Tried once' : `Tried ${failures} times`;
  return (
    <div
      className="waiting"
      data-waiting-server={window.location.host}
      data-last-board={lastBoardAt === null ? undefined : new Date(lastBoardAt).toISOString()}
    >
      <div className="waiting-panel">
        {/* Announced once; the line under it changes every few seconds and is not. */}
        <div role="alert">
          <h1 className="waiting-title">Waiting for the server…</h1>
          <p className="waiting-text">
            Greenboard cannot reach its server at <strong>{window.location.host}</strong>. It tries again by itself every few seconds and shows the live board
            as soon as the server answers: nothing needs doing on this screen.
          </p>
        </div>
        <p className="waiting-detail">
          {lastFailureAt === null ? tries : `${tries}, last at ${formatClock(lastFailureAt)}`}
          {lastBoardAt !== null && ` · Behind this: the board as it was ${formatAgo(lastBoardAt, now)} (${formatClock(lastBoardAt)}), not live`}
        </p>
      </div>
    </div>
  );
}
