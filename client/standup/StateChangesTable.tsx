import type { TransitionView } from '../../shared/api';
import type { Status } from '../../shared/status';
import { StatusShape } from '../board/StatusShape';
import { STATUS_WORD } from '../board/status-text';
import { Link } from '../Link';
import { servicePath } from '../paths';
import { formatSpan } from './figures-words';
import { formatAt } from './time-words';

export interface StateChangesTableProps {
  /** Oldest first, as the API sends them. */
  transitions: readonly TransitionView[];
  /** The zone the times are shown in: the period's. */
  timeZone: string;
  /** Epoch ms: the period's end, up to which a status that still held is counted. */
  periodEnd: number;
}

/** How long a change's status lasted: to the next change, or to the period's end when it still held then. */
function lastedMs(transition: TransitionView, periodEnd: number): number {
  const end = transition.until === null ? periodEnd : Date.parse(transition.until);
  return Math.max(0, end - Date.parse(transition.at));
}

/** Every service-level status change of the period, in order, each with how long it lasted. */
export function StateChangesTable({ transitions, timeZone, periodEnd }: StateChangesTableProps) {
  if (transitions.length === 0) return <p className="standup-empty">No state changes in this period.</p>;
  return (
    <table className="standup-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Service</th>
          <th scope="col">Change</th>
          <th scope="col" className="num">
            Lasted
          </th>
        </tr>
      </thead>
      <tbody>
        {transitions.map((t) => (
          <tr key={`${t.serviceId} ${t.at}`} data-standup-transition={t.serviceId} data-to={t.to}>
            <td>{formatAt(t.at, timeZone)}</td>
            <th scope="row">
              <Link href={servicePath(t.serviceId)}>{t.serviceName}</Link>
            </th>
            <td>
              {t.from === null ? <span className="standup-dim">first seen</span> : <StatusWord status={t.from} />}
              <span aria-hidden="true"> → </span>
              <span className="standup-visually-hidden"> to </span>
              <StatusWord status={t.to} />
            </td>
            <td className="num">
              {formatSpan(lastedMs(t, periodEnd))}
              {t.until === null && <div className="standup-dim">still so at the period’s end</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A status by its shape and its word, never by colour alone. */
function StatusWord({ status }: { status: Status }) {
  return (
    <span className="standup-status" data-tone={status}>
      <StatusShape status={status} className="standup-status-shape" />
      {STATUS_WORD[status]}
    </span>
  );
}
