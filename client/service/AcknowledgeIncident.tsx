import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { IncidentView } from '../../shared/api';
import { actingFor, type Acting } from '../access/acting';
import { ApiError } from '../api/http';
import { acknowledgeIncident, incidentKey, serviceIncidentsKey } from '../api/incidents';
import { SESSION_KEY, sessionQuery, signInPath } from '../api/session';
import { formatWhen } from './format';
import { ackErrorText } from './incident-words';
import { readAckName, rememberAckName } from './remembered-name';

export interface AcknowledgeIncidentProps {
  /** The incident as last fetched or pushed. */
  incident: IncidentView;
  /** Epoch ms, for the time in the confirmation. */
  now: number;
}

/**
 * "I have it": acknowledges an open incident, which stops its escalation. Where anyone
 * may act, under the name typed (kept in this browser for next time); where the board
 * needs a responder, as the responder signed in, or says how to become one. Says in
 * words what the server answered, success or not.
 */
export function AcknowledgeIncident({ incident, now }: AcknowledgeIncidentProps) {
  const queryClient = useQueryClient();
  const session = useQuery(sessionQuery());
  const ack = useMutation({
    mutationFn: (by: string) => acknowledgeIncident(incident.id, by),
    onSuccess: (answer) => {
      queryClient.setQueryData(incidentKey(answer.id), answer);
      void queryClient.invalidateQueries({ queryKey: serviceIncidentsKey(answer.serviceId) });
    },
    onError: (error) => {
      // Refused (already resolved, say): what is on screen is out of date, so ask again.
      void queryClient.invalidateQueries({ queryKey: incidentKey(incident.id) });
      // Refused for who this is (signed out meanwhile, say): the block should say how to act now.
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
  const open = incident.status === 'open';
  if (!open && ack.isIdle) return null;
  return (
    <div className="incident-ack">
      {open && <AckControl acting={actingFor(session.data)} pending={ack.isPending} onAck={(by) => ack.mutate(by)} />}
      {ack.isSuccess && (
        <p className="incident-ack-done" role="status">
          {ack.data.acknowledged ? `Acknowledged by ${ack.data.acknowledged.by} at ${formatWhen(Date.parse(ack.data.acknowledged.at), now)}.` : 'Acknowledged.'}
        </p>
      )}
      {ack.isError && (
        <p className="incident-ack-error" role="alert">
          {ackErrorText(ack.error)}
        </p>
      )}
    </div>
  );
}

interface AckControlProps {
  acting: Acting;
  pending: boolean;
  /** Acknowledges under `by`; an empty name leaves it to the server. */
  onAck: (by: string) => void;
}

function AckControl({ acting, pending, onAck }: AckControlProps) {
  switch (acting.kind) {
    case 'open':
      return <NamedAck pending={pending} onAck={onAck} />;
    case 'as':
      return <SignedInAck name={acting.name} pending={pending} onAck={onAck} />;
    case 'sign-in':
      return (
        <p className="incident-ack-needs">
          <a href={signInPath(window.location.pathname + window.location.search)}>Sign in to acknowledge</a>
        </p>
      );
    case 'proxy':
      return <p className="incident-ack-needs">Sign in through your company&apos;s sign-in to acknowledge</p>;
    case 'viewer':
      return (
        <p className="incident-ack-needs">
          Acknowledging needs a responder; you are signed in as {acting.name} ({acting.role})
        </p>
      );
    case 'nobody':
      return <p className="incident-ack-needs">Acknowledging needs a signed-in responder, and this board has no sign-in set up</p>;
  }
}

/** Anyone may act: under the name typed, remembered in this browser, or none. */
function NamedAck({ pending, onAck }: Omit<AckControlProps, 'acting'>) {
  const inputId = useId();
  const [name, setName] = useState(readAckName);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const by = name.trim();
    rememberAckName(by);
    onAck(by);
  };
  return (
    <form className="incident-ack-form" onSubmit={submit}>
      <label htmlFor={inputId}>
        Your name <span className="dim">(optional)</span>
      </label>
      <input id={inputId} type="text" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} autoComplete="name" />
      <button type="submit" className="incident-ack-button" disabled={pending}>
        {pending ? 'Acknowledging…' : 'Acknowledge'}
      </button>
    </form>
  );
}

/** A responder is signed in: the server knows who, so no name is asked or sent. */
function SignedInAck({ name, pending, onAck }: Omit<AckControlProps, 'acting'> & { name: string }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onAck('');
  };
  return (
    <form className="incident-ack-form" onSubmit={submit}>
      <button type="submit" className="incident-ack-button" disabled={pending}>
        {pending ? 'Acknowledging…' : `Acknowledge as ${name}`}
      </button>
    </form>
  );
}
