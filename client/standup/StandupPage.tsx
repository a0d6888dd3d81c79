import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { INCIDENT_LIST_LIMIT, periodIncidentsQuery, periodOncallLoadQuery, periodUptimeQuery } from '../api/standup';
import { Link } from '../Link';
import { BOARD_PATH } from '../paths';
import { CsvButton } from './CsvButton';
import { csvFileName, incidentsCsv, uptimeCsv } from './csv';
import { inOpeningOrder } from './incident-facts';
import { IncidentsTable } from './IncidentsTable';
import { OncallSection } from './OncallSection';
import { PeriodPicker } from './PeriodPicker';
import { StateChangesSection } from './StateChangesSection';
import { TeamFilter } from './TeamFilter';
import { incidentsOfTeam, ofTeam, teamsPresent } from './team-filter';
import { formatAt, periodWords } from './time-words';
import { UptimeTable } from './UptimeTable';
import { useStandupView } from './use-standup-view';
import { worstFirst } from './worst-first';
import { viewerTimeZone } from './zoned-time';
import './standup.css';

/**
 * The morning meeting's page: each service's uptime over a period, worst first, the
 * period's incidents and state changes in order, and who carried on-call. Everything
 * chosen lives in the address, so a link pasted into the meeting notes shows the same
 * view later.
 */
export function StandupPage() {
  const [view, setView] = useStandupView();
  const { period, team } = view;
  const uptime = useQuery({ ...periodUptimeQuery(period), placeholderData: keepPreviousData });
  const incidents = useQuery({ ...periodIncidentsQuery(period), placeholderData: keepPreviousData });
  // The on-call section asks the same: one request marks the incidents that opened out of hours.
  const oncall = useQuery({ ...periodOncallLoadQuery(period), placeholderData: keepPreviousData });
  useEffect(() => {
    document.title = 'Stand-up · Greenboard';
  }, []);

  const services = useMemo(() => worstFirst(ofTeam(uptime.data?.services ?? [], team)), [uptime.data, team]);
  const serviceById = useMemo(() => new Map((uptime.data?.services ?? []).map((s) => [s.serviceId, s])), [uptime.data]);
  const ordered = useMemo(
    () => inOpeningOrder(incidentsOfTeam(incidents.data?.incidents ?? [], team, (id) => serviceById.get(id)?.team?.id ?? null)),
    [incidents.data, team, serviceById],
  );
  const nameOf = (id: string) => serviceById.get(id)?.name ?? id;
  const outOfHours = useMemo(() => (oncall.data ? new Set(oncall.data.incidents.filter((i) => i.outOfHours).map((i) => i.id)) : undefined), [oncall.data]);
  const teams = useMemo(
    () => teamsPresent([...(uptime.data?.services ?? []), ...(incidents.data?.incidents ?? []), ...(oncall.data?.schedules ?? [])]),
    [uptime.data, incidents.data, oncall.data],
  );

  const failed = uptime.error ?? incidents.error;
  const state = failed ? 'error' : uptime.isPlaceholderData || incidents.isPlaceholderData || !uptime.data || !incidents.data ? 'loading' : 'ready';
  const now = Date.now();
  const dataFrom = uptime.data?.window.dataFrom ?? null;

  return (
    <main className="standup" data-standup={state} aria-busy={state === 'loading'}>
      <header className="standup-header">
        <h1>Stand-up</h1>
        <p className="standup-when">{periodWords(period, viewerTimeZone())}</p>
        <Link href={BOARD_PATH} className="standup-back">
          Back to the board
        </Link>
      </header>
      <div className="standup-controls">
        <PeriodPicker period={period} onPick={(picked) => setView({ period: picked, team })} />
        <TeamFilter teams={teams} selected={team} onSelect={(picked) => setView({ period, team: picked })} />
      </div>
      {failed && (
        <p role="alert" className="standup-problem">
          Cannot load the period: {failed.message}
        </p>
      )}
      {dataFrom && <p className="standup-note">Greenboard’s data begins {formatAt(dataFrom, period.timeZone)}: earlier time was not watched.</p>}

      <section aria-labelledby="standup-services">
        <div className="standup-section-head">
          <h2 id="standup-services">Services, worst first</h2>
          {uptime.data && <CsvButton label="Download services CSV" fileName={csvFileName('uptime', period)} csv={() => uptimeCsv(services)} />}
        </div>
        {uptime.data ? <UptimeTable services={services} /> : !failed && <p className="standup-empty">Loading…</p>}
      </section>

      <section aria-labelledby="standup-incidents">
        <div className="standup-section-head">
          <h2 id="standup-incidents">Incidents, in order</h2>
          {incidents.data && (
            <CsvButton label="Download incidents CSV" fileName={csvFileName('incidents', period)} csv={() => incidentsCsv(ordered, now, outOfHours)} />
          )}
        </div>
        {incidents.data?.truncated && (
          <p className="standup-note" data-truncated="incidents">
            Only the newest {INCIDENT_LIST_LIMIT} incidents of the period are listed; pick a shorter period to see them all.
          </p>
        )}
        {incidents.data ? (
          <IncidentsTable incidents={ordered} timeZone={period.timeZone} now={now} nameOf={nameOf} outOfHours={outOfHours} />
        ) : (
          !failed && <p className="standup-empty">Loading…</p>
        )}
      </section>

      <StateChangesSection period={period} team={team} />
      <OncallSection period={period} team={team} />
    </main>
  );
}
