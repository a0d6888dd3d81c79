import type { IncidentView } from '../../shared/api';
import { Link } from '../Link';
import { servicePath } from '../paths';
import { formatSpan } from './figures-words';
import { firstPaged, incidentDurationMs } from './incident-facts';
import { formatAt, formatAtAfter } from './time-words';

export interface IncidentsTableProps {
  /** In the order shown: as they opened. */
  incidents: readonly IncidentView[];
  /** The zone the times are shown in: the period's. */
  timeZone: string;
  /** Epoch ms: how long the open ones have lasted so far. */
  now: number;
  /** A service's name by its id, for the services an incident impacted. */
  nameOf: (serviceId: string) => string;
  /** The incidents that opened outside their team's working hours; unknown (no mark) while not loaded. */
  outOfHours?: ReadonlySet<string>;
}

/** The period's incidents as they happened: who was paged first, who acknowledged, when it ended. */
export function IncidentsTable({ incidents, timeZone, now, nameOf, outOfHours }: IncidentsTableProps) {
  if (incidents.length === 0) return <p className="standup-empty">No incidents in this period.</p>;
  return (
    <table className="standup-table">
      <thead>
        <tr>
          <th scope="col">Opened</th>
          <th scope="col">Service</th>
          <th scope="col" className="num">
            Duration
          </th>
          <th scope="col">First paged</th>
          <th scope="col">Acknowledged</th>
          <th scope="col">Resolved</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <IncidentRow key={incident.id} incident={incident} timeZone={timeZone} now={now} nameOf={nameOf} outOfHours={outOfHours} />
        ))}
      </tbody>
    </table>
  );
}

function IncidentRow({ incident, timeZone, now, nameOf, outOfHours }: { incident: IncidentView } & Omit<IncidentsTableProps, 'incidents'>) {
  const paged = firstPaged(incident);
  const offHours = outOfHours?.has(incident.id) ?? false;
  // Later times of the same day show the clock alone: the date is in the first column.
  const at = (iso: string) => formatAtAfter(iso, incident.openedAt, timeZone);
  return (
    <tr data-standup-incident={incident.id} data-incident-status={incident.status} data-out-of-hours={offHours || undefined}>
      <td>
        {formatAt(incident.openedAt, timeZone)}
        {offHours && <div className="standup-out-of-hours">out of hours</div>}
      </td>
      <th scope="row">
        <Link href={servicePath(incident.serviceId)}>{incident.serviceName}</Link>
        <div className="standup-reason">{incident.reason}</div>
        {incident.impacted.length > 0 && (
          <div className="standup-impacted" data-standup-impacted={incident.impacted.join(' ')}>
            Also down: {incident.impacted.map(nameOf).join(', ')}
          </div>
        )}
      </th>
      <td className="num">
        {formatSpan(incidentDurationMs(incident, now))}
        {incident.resolvedAt === null && <div className="standup-dim">so far</div>}
      </td>
      <td>
        {paged ? (
          <>
            {paged.name} <span className="standup-dim">at {at(paged.at)}</span>
            {!paged.delivered && <div className="standup-dim">not delivered</div>}
          </>
        ) : (
          <span className="standup-dim">nobody</span>
        )}
      </td>
      <td>
        {incident.acknowledged ? (
          <>
            {incident.acknowledged.by} <span className="standup-dim">at {at(incident.acknowledged.at)}</span>
          </>
        ) : (
          <span className="standup-dim">not acknowledged</span>
        )}
      </td>
      <td>{incident.resolvedAt ? at(incident.resolvedAt) : <strong>still open</strong>}</td>
    </tr>
  );
}
