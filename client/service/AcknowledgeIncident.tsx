import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { IncidentView } from '../../shared/api';
import { acknowledgeIncident, incidentKey, serviceIncidentsKey } from '../api/incidents';
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
 * "I have it": acknowledges an open incident, which stops its escalation, under the name
 * typed (kept in this browser for next time; the server may know better from a signed-in
 * responder). Says in words what the server answered, success or not.
 */
export function AcknowledgeIncident({ incident, now }: AcknowledgeIncidentProps) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const [name, setName] = useState(readAckName);
  const ack = useMutation({
    mutationFn: (by: string) => acknowledgeIncident(incident.id, by),
    onSuccess: (answer) => {
      queryClient.setQueryData(incidentKey(answer.id), answer);
      void queryClient.invalidateQueries({ queryKey: serviceIncidentsKey(answer.serviceId) });
    },
    // Refused (already resolved, say): what is on screen is out of date, so ask again.
    onError: () => void queryClient.invalidateQueries({ queryKey: incidentKey(incident.id) }),
  });
  const open = incident.status === 'open';
  if (!open && ack.isIdle) return null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const by = name.trim();
    rememberAckName(by);
    ack.mutate(by);
  };
  return (
    <div className="incident-ack">
      {open && (
        <form className="incident-ack-form" onSubmit={submit}>
          <label htmlFor={inputId}>
            Your name <span className="dim">(optional)</span>
          </label>
          <input id={inputId} type="text" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} autoComplete="name" />
          <button type="submit" className="incident-ack-button" disabled={ack.isPending}>
            {ack.isPending ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        </form>
      )}
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
