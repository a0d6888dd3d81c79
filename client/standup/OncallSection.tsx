import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { periodOncallLoadQuery } from '../api/standup';
import { CsvButton } from './CsvButton';
import { csvFileName, oncallCsv } from './csv';
import { OncallLoadTable } from './OncallLoadTable';
import { oncallRows, unreadSchedules } from './oncall-rows';
import type { Period } from './period';

export interface OncallSectionProps {
  period: Period;
  /** The team chosen, or null for all. */
  team: string | null;
}

/** Who carried on-call in the period: time on call, pages, how much of it out of hours, time to acknowledge. */
export function OncallSection({ period, team }: OncallSectionProps) {
  const load = useQuery({ ...periodOncallLoadQuery(period), placeholderData: keepPreviousData });
  const rows = useMemo(() => oncallRows(load.data?.people ?? [], team), [load.data, team]);
  const unread = useMemo(() => unreadSchedules(load.data?.schedules ?? [], team), [load.data, team]);
  const state = load.error ? 'error' : load.isPlaceholderData || !load.data ? 'loading' : 'ready';
  const noSchedules = load.data !== undefined && load.data.schedules.length === 0 && rows.length === 0;
  return (
    <section aria-labelledby="standup-oncall" data-standup-oncall={state}>
      <div className="standup-section-head">
        <h2 id="standup-oncall">On-call load</h2>
        {load.data && <CsvButton label="Download on-call CSV" fileName={csvFileName('oncall', period)} csv={() => oncallCsv(rows)} />}
      </div>
      {load.error && <p className="standup-problem">Cannot load the on-call load: {load.error.message}</p>}
      {unread.map((s) => (
        <p key={`${s.team.id} ${s.layer}`} className="standup-note" data-schedule-problem={s.team.id}>
          {`${s.team.name}’s ${s.layer} schedule (${s.provider}) could not be read for this period, so its time on call is missing: ${s.problem}`}
        </p>
      ))}
      {load.data?.truncated && <p className="standup-note">The period has more incidents than one answer reads: pages of the oldest are not counted.</p>}
      {load.data ? (
        noSchedules ? (
          <p className="standup-empty">No team has an on-call schedule.</p>
        ) : (
          <OncallLoadTable rows={rows} />
        )
      ) : (
        !load.error && <p className="standup-empty">Loading…</p>
      )}
    </section>
  );
}
