import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { TRANSITION_LIST_LIMIT } from '../../shared/api';
import { periodTransitionsQuery } from '../api/standup';
import { CsvButton } from './CsvButton';
import { csvFileName, transitionsCsv } from './csv';
import type { Period } from './period';
import { StateChangesTable } from './StateChangesTable';

export interface StateChangesSectionProps {
  period: Period;
  /** The team chosen, or null for all. */
  team: string | null;
}

/** Every status change of the period's services (of the team chosen), in order. */
export function StateChangesSection({ period, team }: StateChangesSectionProps) {
  const changes = useQuery({ ...periodTransitionsQuery(period, team), placeholderData: keepPreviousData });
  const state = changes.error ? 'error' : changes.isPlaceholderData || !changes.data ? 'loading' : 'ready';
  return (
    <section aria-labelledby="standup-changes" data-standup-changes={state}>
      <div className="standup-section-head">
        <h2 id="standup-changes">State changes, in order</h2>
        {changes.data && (
          <CsvButton label="Download state changes CSV" fileName={csvFileName('state-changes', period)} csv={() => transitionsCsv(changes.data.transitions)} />
        )}
      </div>
      {changes.error && <p className="standup-problem">Cannot load the state changes: {changes.error.message}</p>}
      {changes.data?.truncated && (
        <p className="standup-note">Only the newest {TRANSITION_LIST_LIMIT} state changes of the period are listed; pick a shorter period to see them all.</p>
      )}
      {changes.data ? (
        <StateChangesTable transitions={changes.data.transitions} timeZone={period.timeZone} periodEnd={period.to} />
      ) : (
        !changes.error && <p className="standup-empty">Loading…</p>
      )}
    </section>
  );
}
