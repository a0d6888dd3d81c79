import type { ConnectionStore } from '../api/connection';
import { useLastUpdateAt } from '../api/use-connection';
import { connectionLostText, RECONNECTING_HINT } from './connection-lost';

/** Says plainly that what is behind it is old news. */
export function StaleOverlay({ connection }: { connection: ConnectionStore }) {
  const lastUpdateAt = useLastUpdateAt(connection);
  return (
    <div className="stale-overlay" role="alert">
      <div className="stale-panel">
        <p className="stale-text">{connectionLostText(lastUpdateAt)}</p>
        <p className="stale-hint">{RECONNECTING_HINT}</p>
      </div>
    </div>
  );
}
