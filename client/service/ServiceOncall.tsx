import { useQuery } from '@tanstack/react-query';
import type { OncallLayerView, OncallNow, OncallPerson, TeamRef } from '../../shared/api';
import { servicesQuery } from '../api/services';
import { contactLinks } from './contact';
import { Fact } from './Fact';
import { formatWhen } from './format';

export interface ServiceOncallProps {
  /** The service's team; null when it has none. */
  team: TeamRef | null;
  /** The service's own word on its team's primary on-call, used until the team's schedule is known. */
  oncall: OncallNow | null;
  /** Epoch ms, for "until 18:00". */
  now: number;
}

const LAYER_LABEL: Record<OncallLayerView['layer'], string> = { primary: 'On call', secondary: 'Secondary' };

/**
 * Who to call for this service: on call now and next, per layer, with their contact
 * details. The team's schedule comes from the cache the socket keeps current.
 */
export function ServiceOncall({ team, oncall, now }: ServiceOncallProps) {
  const { data: teams } = useQuery({ ...servicesQuery(), select: (data) => data.oncall });
  const layers = team ? teams?.find((t) => t.team.id === team.id)?.layers : undefined;
  if (layers && layers.length > 0) {
    return layers.map((layer) => (
      <Fact key={layer.layer} label={LAYER_LABEL[layer.layer]} className="oncall-fact">
        <OncallShift now={now} person={layer.now.person} from={null} until={layer.now.until} />
        {layer.next && (
          <p className="oncall-next">
            <span className="dim">Next: </span>
            <OncallShift now={now} person={layer.next.person} from={layer.next.from} until={null} />
          </p>
        )}
        {layer.source.problem && <p className="oncall-problem">{sourceProblem(layer.source, now)}</p>}
      </Fact>
    ));
  }
  if (!oncall) return null;
  return (
    <Fact label="On call" className="oncall-fact">
      <OncallShift now={now} person={oncall.person} from={null} until={oncall.until} />
    </Fact>
  );
}

interface ShiftProps {
  person: OncallPerson | null;
  from: string | null;
  until: string | null;
  now: number;
}

function OncallShift({ person, from, until, now }: ShiftProps) {
  if (!person) return <strong className="service-oncall service-oncall-nobody">Nobody on call</strong>;
  const when = from ? ` from ${formatWhen(Date.parse(from), now)}` : until ? ` until ${formatWhen(Date.parse(until), now)}` : '';
  return (
    <span className="oncall-shift">
      <strong className="service-oncall">{person.name}</strong>
      {when && <span className="dim">{when}</span>}
      <ContactList person={person} />
    </span>
  );
}

function ContactList({ person }: { person: OncallPerson }) {
  const links = contactLinks(person.contact);
  if (links.length === 0) return null;
  return (
    <span className="oncall-contacts" aria-label={`How to reach ${person.name}`}>
      {links.map((link) => (
        <span key={link.kind} className="oncall-contact" data-contact={link.kind}>
          {link.href ? <a href={link.href}>{link.text}</a> : link.text}
        </span>
      ))}
    </span>
  );
}

/** "from the schedule as of 09:12; feed unreachable", or why it was never read. */
function sourceProblem(source: OncallLayerView['source'], now: number): string {
  const asOf = source.asOf ? `as of ${formatWhen(Date.parse(source.asOf), now)}` : 'never read';
  return `Schedule ${asOf}: ${source.problem}`;
}
