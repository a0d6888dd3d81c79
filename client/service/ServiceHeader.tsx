import type { ServiceView, Upstream } from '../../shared/api';
import { formatDuration } from '../../shared/duration';
import { StatusShape } from '../board/StatusShape';
import { STATUS_WORD } from '../board/status-text';
import { Link } from '../Link';
import { NotifyToggle } from '../notify/NotifyToggle';
import { BOARD_PATH } from '../paths';
import { Fact } from './Fact';
import { formatWhen } from './format';
import { Relations } from './Relations';
import { ServiceLinks } from './ServiceLinks';
import { ServiceOncall } from './ServiceOncall';

export interface ServiceHeaderProps {
  /** The service the page is about. */
  service: ServiceView;
  /** Every service, to name and colour its dependencies. */
  services: readonly ServiceView[];
  /** Epoch ms, ticking, so "for 12m" stays true. */
  now: number;
}

/** Who, what state, since when, who to call and where the runbook is. */
export function ServiceHeader({ service, services, now }: ServiceHeaderProps) {
  const since = service.since === null ? NaN : Date.parse(service.since);
  return (
    <header className="service-header">
      <div className="service-banner" data-tone={service.status} data-impacted={service.impactedBy.length > 0 ? '' : undefined}>
        <p className="service-back">
          <Link href={BOARD_PATH}>← Back to the board</Link>
        </p>
        <h1 className="service-name">{service.name}</h1>
        <p className="service-status">
          <StatusShape status={service.status} className="service-status-shape" />
          <span className="service-status-word">{STATUS_WORD[service.status]}</span>
          {Number.isFinite(since) && <span className="service-since" title={`since ${formatWhen(since, now)}`}>{`for ${formatDuration(now - since)}`}</span>}
        </p>
        {service.upstream && <UpstreamNote upstream={service.upstream} />}
      </div>
      <div className="service-facts">
        <ServiceLinks links={service.links} />
        <dl className="fact-list">
          <Fact label="Team">{service.team?.name ?? 'No team'}</Fact>
          <ServiceOncall team={service.team} oncall={service.oncall} now={now} />
        </dl>
        <Relations service={service} services={services} />
        <NotifyToggle serviceId={service.id} name={service.name} />
      </div>
    </header>
  );
}

/** Where the status of a provider's service comes from: it's not us, it's the provider. */
function UpstreamNote({ upstream }: { upstream: Upstream }) {
  const page = `${upstream.provider}'s status page`;
  // Only http(s) becomes an anchor, as for the service's own links.
  const href = upstream.url && /^https?:\/\//i.test(upstream.url) ? upstream.url : null;
  return (
    <p className="service-upstream" data-upstream={upstream.provider}>
      {'Upstream: status from '}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {page}
          <span aria-hidden="true"> ↗</span>
        </a>
      ) : (
        page
      )}
    </p>
  );
}
