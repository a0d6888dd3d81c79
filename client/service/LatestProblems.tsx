import type { CheckView, HistoryResult } from '../../shared/api';
import { ResultDetails } from './details/ResultDetails';
import { latestProblems } from './failures';
import { formatAgo, formatLatency, formatWhen } from './format';
import { OUTCOME_WORD, outcomeStatus } from './outcome';
import { StatusLabel } from './StatusLabel';

export interface LatestProblemsProps {
  /** The service's checks, problems first. */
  checks: readonly CheckView[];
  /** The window's results, oldest first. */
  results: readonly HistoryResult[];
  /** The window in words: "the last 24 hours". */
  words: string;
  /** Epoch ms, ticking. */
  now: number;
}

/** For each check, its latest result that was not ok, with everything the check reported about it. */
export function LatestProblems({ checks, results, words, now }: LatestProblemsProps) {
  const problems = latestProblems(checks, results);
  return (
    <section className="history-part" aria-labelledby="problems-heading">
      <h3 id="problems-heading">Latest failures</h3>
      {problems.length === 0 ? (
        <p className="empty">{`No failed results in ${words}.`}</p>
      ) : (
        problems.map(({ check, result }) => (
          <article key={check.id} className="problem" data-problem-check={check.id}>
            <header className="problem-head">
              <StatusLabel status={outcomeStatus(result.outcome)} word={OUTCOME_WORD[result.outcome]} />
              <h4>
                {`${check.id} `}
                <span className="check-type">{check.type}</span>
              </h4>
              <span className="dim">
                <time dateTime={result.at}>{formatWhen(Date.parse(result.at), now)}</time>
                {` · ${formatAgo(Date.parse(result.at), now)}`}
                {result.latencyMs !== null && ` · ${formatLatency(result.latencyMs)}`}
              </span>
            </header>
            <p className="problem-message">{result.message}</p>
            {result.details && <ResultDetails type={check.type} details={result.details} />}
          </article>
        ))
      )}
    </section>
  );
}
