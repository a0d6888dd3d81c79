import type { ServiceUptimeView } from '../../shared/api';
import { Link } from '../Link';
import { servicePath } from '../paths';
import { formatDowntime, formatMean, formatUptime, sloWords } from './figures-words';

export interface UptimeTableProps {
  /** In the order shown: worst first. */
  services: readonly ServiceUptimeView[];
}

/** One row per service: its uptime, downtime, incidents and what is left of its error budget. */
export function UptimeTable({ services }: UptimeTableProps) {
  if (services.length === 0) return <p className="standup-empty">No services to show.</p>;
  return (
    <table className="standup-table">
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Team</th>
          <th scope="col" className="num">
            Uptime
          </th>
          <th scope="col" className="num">
            Downtime
          </th>
          <th scope="col" className="num">
            Incidents
          </th>
          <th scope="col" className="num">
            Longest outage
          </th>
          <th scope="col" className="num">
            MTTR
          </th>
          <th scope="col">SLO budget left</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <UptimeRow key={s.serviceId} service={s} />
        ))}
      </tbody>
    </table>
  );
}

function UptimeRow({ service: s }: { service: ServiceUptimeView }) {
  const slo = sloWords(s.slo);
  return (
    <tr data-standup-service={s.serviceId} data-down={s.downMs > 0 || undefined}>
      <th scope="row">
        <Link href={servicePath(s.serviceId)}>{s.name}</Link>
      </th>
      <td>{s.team?.name ?? <span className="standup-dim">no team</span>}</td>
      <td className="num" data-cell="uptime">
        {formatUptime(s.uptime, s.downMs)}
      </td>
      <td className="num" data-cell="downtime">
        {formatDowntime(s.downMs)}
      </td>
      <td className="num">{s.incidents}</td>
      <td className="num">{formatDowntime(s.longestOutageMs)}</td>
      <td className="num">{formatMean(s.mttrMs)}</td>
      <td data-slo={slo ? (slo.breached ? 'breached' : 'ok') : undefined}>
        {slo === null ? <span className="standup-dim">no objective</span> : slo.breached ? <strong>{slo.text}</strong> : slo.text}
      </td>
    </tr>
  );
}
