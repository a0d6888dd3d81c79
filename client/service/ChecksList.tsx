import { useMemo } from 'react';
import type { CheckView, HistoryResult } from '../../shared/api';
import { formatDuration } from '../../shared/duration';
import { sortChecks } from './check-order';
import { ResultDetails } from './details/ResultDetails';
import { Fact } from './Fact';
import { SourceHealthFacts } from './SourceHealthFacts';
import { formatAgo, formatLatency, formatWhen } from './format';
import { lastRun } from './last-run';
import { StatusLabel } from './StatusLabel';

export interface ChecksListProps {
  /** The service's checks as the server last described them. */
  checks: readonly CheckView[];
  /** The newest result of each check, from the history, when loaded: it may know of later runs, and has the run's details. */
  latest: readonly HistoryResult[] | undefined;
  /** Epoch ms, ticking. */
  now: number;
}

/** Every check, problems first: what it is, how it is, what it last said. */
export function ChecksList({ checks, latest, now }: ChecksListProps) {
  const sorted = useMemo(() => sortChecks(checks), [checks]);
  return (
    <section className="service-section" aria-labelledby="checks-heading">
      <h2 id="checks-heading">Checks</h2>
      {sorted.length === 0 ? (
        <p className="empty">This service has no checks.</p>
      ) : (
        <ul className="check-list">
          {sorted.map((check) => (
            <CheckRow key={check.id} check={check} latest={latest} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CheckRow({ check, latest, now }: { check: CheckView; latest: ChecksListProps['latest']; now: number }) {
  const newest = latest?.find((r) => r.checkId === check.id);
  const run = lastRun(check, newest);
  const since = check.since === null ? NaN : Date.parse(check.since);
  const fromSource = check.origin === 'source';
  return (
    <li className="check-row" data-check={check.id} data-check-status={check.status}>
      <StatusLabel status={check.status} />
      <div className="check-main">
        <h3 className="check-name">
          {check.id}
          <span className="check-type">{check.type}</span>
          {fromSource && (
            <span className="check-origin" title="Reported by a monitoring source (sources: in the config), not probed by Greenboard">
              source
            </span>
          )}
          {check.stale && (
            <span className="check-stale" title="No result within the check's interval and timeout">
              stale
            </span>
          )}
        </h3>
        <p className="check-message">{check.message}</p>
        {/* A run that was not ok is shown in full under the latest failures already. */}
        {newest?.outcome === 'ok' && newest.details && (
          <details className="check-last-run">
            <summary>Details of the last run</summary>
            <ResultDetails type={check.type} details={newest.details} />
          </details>
        )}
      </div>
      <dl className="check-facts">
        {!fromSource && <Fact label="Response">{formatLatency(run.latencyMs)}</Fact>}
        <Fact label={fromSource ? 'Reported' : 'Checked'}>
          {run.at === null ? (
            'never'
          ) : (
            <time dateTime={new Date(run.at).toISOString()} title={formatWhen(run.at, now)}>
              {formatAgo(run.at, now)}
            </time>
          )}
        </Fact>
        {Number.isFinite(since) && <Fact label="In this state">{formatDuration(now - since)}</Fact>}
        {fromSource && <SourceHealthFacts sourceId={check.id} now={now} />}
      </dl>
    </li>
  );
}
