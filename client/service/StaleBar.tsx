import type { ConnectionStore } from '../api/connection';
import { useLastUpdateAt } from '../api/use-connection';
import { connectionLostText, RECONNECTING_HINT } from '../board/connection-lost';

/**
 * The board's stale warning, as a bar that stays at the top: on a page that is read
 * rather than glanced at, an overlay in the middle would hide what people came for.
 */
export function StaleBar({ connection }: { connection: ConnectionStore }) {
  const lastUpdateAt = useLastUpdateAt(connection);
  return (
    <div className="service-stale" role="alert">
      <p className="service-stale-text">{connectionLostText(lastUpdateAt)}</p>
      <p className="service-stale-hint">{RECONNECTING_HINT}</p>
    </div>
  );
}
