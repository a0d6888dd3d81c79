import type { ServiceView } from '../../shared/api';
import { upstreamMark } from '../board/upstream';
import { Link } from '../Link';
import { servicePath } from '../paths';
import { Fact } from './Fact';
import { StatusLabel } from './StatusLabel';

/** What down service it is impacted by, what it depends on and what depends on it, each a link to its page. */
export function Relations({ service, services }: { service: ServiceView; services: readonly ServiceView[] }) {
  // Who would feel it if this one went down: the services naming it among their dependencies, in board order.
  const dependents = services.filter((other) => other.id !== service.id && other.dependsOn.includes(service.id)).map((other) => other.id);
  if (service.dependsOn.length === 0 && service.impactedBy.length === 0 && dependents.length === 0) return null;
  const byId = new Map(services.map((s) => [s.id, s]));
  return (
    <dl className="fact-list relations">
      {service.impactedBy.length > 0 && (
        <Fact label="Impacted by" className="impacted">
          <ServiceRefs ids={service.impactedBy} byId={byId} />
        </Fact>
      )}
      {service.dependsOn.length > 0 && (
        <Fact label="Depends on">
          <ServiceRefs ids={service.dependsOn} byId={byId} />
        </Fact>
      )}
      {dependents.length > 0 && (
        <Fact label="Depended on by" className="dependents">
          <ServiceRefs ids={dependents} byId={byId} />
        </Fact>
      )}
    </dl>
  );
}

function ServiceRefs({ ids, byId }: { ids: readonly string[]; byId: Map<string, ServiceView> }) {
  return (
    <ul className="service-refs">
      {ids.map((id) => {
        const other = byId.get(id);
        const mark = other ? upstreamMark(other) : null;
        return (
          <li key={id}>
            <Link href={servicePath(id)}>{other?.name ?? id}</Link>
            {mark && <span className="dim">{` ${mark}`}</span>}
            {other && <StatusLabel status={other.status} />}
          </li>
        );
      })}
    </ul>
  );
}
