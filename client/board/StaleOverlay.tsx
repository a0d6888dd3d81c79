import type { ConnectionStore } from '../api/connection';
import { useLastUpdateAt } from '../api/use-connection';
import { formatClock } from './clock';

/** Says plainly that what is behind it is old news. */
export function StaleOverlay({ connection }: { connection: ConnectionStore }) {
  const lastUpdateAt = useLastUpdateAt(connection);
  const detail = lastUpdateAt === null ? 'no live update yet' : `last update ${formatClock(lastUpdateAt)}`;
  return (
    <div className="stale-overlay" role="alert">
      <div className="stale-panel">
        <p className="stale-text">{`Connection lost — ${detail}`}</p>
        <p className="stale-hint">Reconnecting… what is shown may be out of date</p>
      </div>
    </div>
  );
}
