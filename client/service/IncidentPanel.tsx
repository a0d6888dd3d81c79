import { useQuery } from '@tanstack/react-query';
import type { IncidentView, ServiceView } from '../../shared/api';
import { incidentQuery } from '../api/incidents';
import { Link } from '../Link';
import { servicePath } from '../paths';
import { AcknowledgeIncident } from './AcknowledgeIncident';
import { Fact } from './Fact';
import { IncidentPages } from './IncidentPages';
import { IncidentTimeline } from './IncidentTimeline';
import { ackWho, escalationText, INCIDENT_STATUS, noPagesText } from './incident-words';
import { StatusLabel } from './StatusLabel';
import { When } from './When';

export interface IncidentPanelProps {
  /** The incident to show: the service's own, the cause's it is impacted by, or its latest. */
  incidentId: string;
  /** The service whose page this is. */
  service: ServiceView;
  /** Every service, to name the impacted ones. */
  services: readonly ServiceView[];
  /** Epoch ms, ticking. */
  now: number;
}

/**
 * One incident in full: how it stands, who was paged and whether it reached them, what
 * comes next unless someone acknowledges, and its story. The socket keeps it current.
 */
export function IncidentPanel({ incidentId, service, services, now }: IncidentPanelProps) {
  const { data: incident, isError, error } = useQuery(incidentQuery(incidentId));
  if (!incident) {
    return (
      <section className="service-section incident-panel" data-incident-panel={incidentId} aria-labelledby="incident-heading">
        <h2 id="incident-heading">Incident</h2>
        {isError ? (
          <p className="incident-load-error">{`The incident could not be loaded: ${error.message}`}</p>
        ) : (
          <p className="loading">Loading the incident…</p>
        )}
      </section>
    );
  }
  const status = INCIDENT_STATUS[incident.status];
  return (
    <section
      className="service-section incident-panel"
      data-incident-panel={incident.id}
      data-incident-status={incident.status}
      aria-labelledby="incident-heading"
    >
      <div className="section-head">
        <h2 id="incident-heading">{incident.status === 'resolved' ? 'Latest incident' : 'Incident'}</h2>
        <StatusLabel status={status.tone} word={status.word} />
      </div>
      {incident.serviceId !== service.id && (
        <p className="incident-cause-note">
          {'Caused by '}
          <Link href={servicePath(incident.serviceId)}>{incident.serviceName}</Link>
          {', which this service depends on: its incident is the one paged.'}
        </p>
      )}
      <IncidentFacts incident={incident} now={now} />
      <IncidentCauses incident={incident} services={services} />
      <AcknowledgeIncident incident={incident} now={now} />
      <div className="incident-part">
        <h3>Pages</h3>
        <IncidentPages pages={incident.pages} now={now} emptyText={noPagesText(incident)} />
      </div>
      <div className="incident-part">
        <h3>Timeline</h3>
        <IncidentTimeline events={incident.timeline} now={now} />
      </div>
    </section>
  );
}

function IncidentFacts({ incident, now }: { incident: IncidentView; now: number }) {
  return (
    <dl className="fact-list incident-facts">
      <Fact label="Opened">
        <When iso={incident.openedAt} now={now} />
      </Fact>
      <Fact label="Acknowledged">
        {incident.acknowledged ? (
          <span className="incident-ack-fact">
            {ackWho(incident.acknowledged)} <When iso={incident.acknowledged.at} now={now} />
          </span>
        ) : (
          'Not yet'
        )}
      </Fact>
      {incident.resolvedAt !== null && (
        <Fact label="Resolved">
          <When iso={incident.resolvedAt} now={now} />
        </Fact>
      )}
      <Fact label="Escalation">{escalationText(incident, now)}</Fact>
      {incident.reopened > 0 && <Fact label="Reopened">{incident.reopened === 1 ? 'once' : `${incident.reopened} times`}</Fact>}
      {incident.partOf !== null && <Fact label="Part of">{`incident ${incident.partOf}`}</Fact>}
    </dl>
  );
}

/** Why it opened, what was failing, and the services that went down with it. */
function IncidentCauses({ incident, services }: { incident: IncidentView; services: readonly ServiceView[] }) {
  const nameOf = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  return (
    <dl className="fact-list incident-why">
      <Fact label="Reason" className="incident-reason">
        {incident.reason}
      </Fact>
      {incident.causes.length > 0 && (
        <Fact label="Causes" className="incident-causes">
          <ul>
            {incident.causes.map((cause) => (
              <li key={cause.checkId} data-incident-cause={cause.checkId}>
                <strong>{cause.checkId}</strong> <span className="check-type">{cause.type}</span>
                {cause.origin === 'source' && <span className="check-origin">source</span>}
                {`: ${cause.message}`}
                {cause.alerts && cause.alerts.length > 0 && <span className="dim">{` (alerts: ${cause.alerts.join(', ')})`}</span>}
              </li>
            ))}
          </ul>
        </Fact>
      )}
      {incident.impacted.length > 0 && (
        <Fact label="Impacted services" className="impacted">
          <ul className="service-refs">
            {incident.impacted.map((id) => (
              <li key={id}>
                <Link href={servicePath(id)}>{nameOf(id)}</Link>
              </li>
            ))}
          </ul>
        </Fact>
      )}
    </dl>
  );
}
