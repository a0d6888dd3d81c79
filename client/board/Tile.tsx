import type { OncallNow, ServiceView } from '../../shared/api';
import { formatDuration } from '../../shared/duration';
import { isProblem } from '../../shared/status';
import { Link } from '../Link';
import { servicePath } from '../paths';
import { incidentLine } from './incident-line';
import { maintenanceLine } from './maintenance-line';
import { StatusShape } from './StatusShape';
import { TileQr } from './TileQr';
import { STATUS_WORD } from './status-text';
import { tileSpan } from './tile-profile';
import type { UptimeFigure } from './uptime-figure';
import { UptimeText } from './UptimeText';
import { upstreamMark } from './upstream';
import { useFlash } from './use-flash';

export interface TileProps {
  /** The service as the server last described it. */
  service: ServiceView;
  /** Epoch ms, ticking, so "for 12m" stays true. */
  now: number;
  /** The name of another service, for "Impacted by …" (with "(upstream)" for a provider's); its id when not given. */
  nameOf?: (serviceId: string) => string;
  /** Its uptime over the wall's window; none when the wall shows no uptime or there is no data. */
  uptime?: UptimeFigure | null;
}

/**
 * One service on the wall: name, status word and shape, how long, and why; who was paged
 * or has acknowledged, or the maintenance it is in; its uptime, quietly; a link to its page.
 */
export function Tile({ service, now, nameOf = (id) => id, uptime = null }: TileProps) {
  const problem = isProblem(service.status);
  const impacted = service.impactedBy.length > 0;
  // Planned maintenance is no problem, but people still want to know what it is.
  const explained = problem || service.status === 'maintenance';
  const failing = explained ? service.checks.find((c) => c.status !== 'up' && c.message !== '') : undefined;
  const since = service.since === null ? NaN : Date.parse(service.since);
  const upstream = upstreamMark(service);
  const changed = useFlash(service.status);
  // Someone tabbing through the wall hears each tile's status and reason, not only its name.
  const ids = {
    status: `tile-${service.id}-status`,
    why: `tile-${service.id}-why`,
    impact: `tile-${service.id}-impact`,
    upstream: `tile-${service.id}-upstream`,
    oncall: `tile-${service.id}-oncall`,
    incident: `tile-${service.id}-incident`,
    maintenance: `tile-${service.id}-maintenance`,
    uptime: `tile-${service.id}-uptime`,
  };
  // Whose phone rings: shown on a problem only, where the room needs it.
  const oncall = problem ? service.oncall : null;
  // Whether anyone has it in hand: the room should not have to ask.
  const incident = service.incident ? incidentLine(service.incident, service.id, now, nameOf) : null;
  const maintenance = service.maintenance ? maintenanceLine(service.maintenance, now) : null;
  const describedBy = [
    ids.status,
    oncall && ids.oncall,
    incident && ids.incident,
    maintenance && ids.maintenance,
    failing && ids.why,
    impacted && ids.impact,
    upstream && ids.upstream,
    uptime && ids.uptime,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li
      className="tile"
      data-service={service.id}
      data-status={service.status}
      data-span={tileSpan(service)}
      data-impacted={impacted ? '' : undefined}
      data-upstream={service.upstream?.provider}
      data-incident={incident ? service.incident?.id : undefined}
      data-incident-state={incident?.state}
      data-uptime={uptime?.percent ?? undefined}
      data-slo-breached={uptime?.sloBreached ? '' : undefined}
      data-changed={changed ? '' : undefined}
    >
      <h2 className="tile-name">
        {/* Stretched over the whole tile by CSS, so the tile is one click target named by the service. */}
        <Link className="tile-link" href={servicePath(service.id)} title={service.name} aria-describedby={describedBy}>
          {service.name}
        </Link>
      </h2>
      {/* Who to call sits beside the status, in the room a wide problem tile has to its right; it wraps under it when there is none. */}
      <div className="tile-headline">
        <p className="tile-status" id={ids.status}>
          <StatusShape status={service.status} className="tile-shape" />
          <span className="tile-word">{STATUS_WORD[service.status]}</span>{' '}
          {Number.isFinite(since) && <span className="tile-since">{`for ${formatDuration(now - since)}`}</span>}
        </p>
        {oncall && <TileOncall id={ids.oncall} oncall={oncall} />}
      </div>
      {incident && (
        <p className="tile-incident" id={ids.incident}>
          {incident.text}
        </p>
      )}
      {maintenance && (
        <p className="tile-maintenance" id={ids.maintenance}>
          {maintenance}
        </p>
      )}
      {failing && <p className="tile-message" id={ids.why}>{`${failing.id}: ${failing.message}`}</p>}
      {impacted && <p className="tile-impact" id={ids.impact}>{`Impacted by ${service.impactedBy.map(nameOf).join(', ')}`}</p>}
      {/* The figure shares the team's line and is the first thing a small tile drops (board.css), so it never costs a line. */}
      <div className="tile-foot">
        <p className="tile-team">
          {upstream && (
            <span className="tile-upstream" id={ids.upstream}>
              {upstream}
            </span>
          )}
          {service.team && <span>{service.team.name}</span>}
        </p>
        {uptime && <TileUptime id={ids.uptime} figure={uptime} />}
      </div>
      {problem && <TileQr service={service} />}
    </li>
  );
}

/** Who is on call for the tile's team; nobody on call is a problem of its own and looks like one. */
function TileOncall({ id, oncall }: { id: string; oncall: OncallNow }) {
  return (
    <p className="tile-oncall" id={id} data-nobody={oncall.person ? undefined : ''}>
      {oncall.person ? `On call: ${oncall.person.name}` : 'Nobody on call'}
    </p>
  );
}

/** The tile's uptime, small and quiet; a broken objective says so in words, in the problem style. */
function TileUptime({ id, figure }: { id: string; figure: UptimeFigure }) {
  const { percent } = figure;
  return (
    <p className="tile-uptime" id={id}>
      {figure.sloBreached && <span className="tile-slo">SLO breached</span>}
      {figure.sloBreached && percent !== null && ' · '}
      {percent !== null && <UptimeText figure={{ ...figure, percent }} />}
    </p>
  );
}
