import type { IncidentEvent } from '../../shared/api';
import { When } from './When';

/** An incident's story, oldest first, as the server told it. */
export function IncidentTimeline({ events, now }: { events: readonly IncidentEvent[]; now: number }) {
  if (events.length === 0) return <p className="empty">Nothing recorded yet.</p>;
  return (
    <ol className="incident-timeline">
      {events.map((event, index) => (
        // Two events may share a time and a kind; their place in the story is what tells them apart.
        <li key={index} data-incident-event={event.kind}>
          <When iso={event.at} now={now} />
          <span className="incident-event-message">{event.message}</span>
        </li>
      ))}
    </ol>
  );
}
