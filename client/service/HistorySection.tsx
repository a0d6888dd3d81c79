import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { HistoryResponse, ServiceView } from '../../shared/api';
import type { HistoryWindow } from '../api/history';
import { sortChecks } from './check-order';
import { LatestProblems } from './LatestProblems';
import { ResponseTimes } from './ResponseTimes';
import { Transitions } from './Transitions';
import { WINDOW_WORDS, WindowPicker } from './WindowPicker';

export interface HistorySectionProps {
  /** The service the history is of. */
  service: ServiceView;
  /** The window chosen. */
  historyWindow: HistoryWindow;
  /** Called with a newly chosen window. */
  onHistoryWindow: (choice: HistoryWindow) => void;
  /** The history query for the chosen window (the previous window's data while it loads). */
  history: UseQueryResult<HistoryResponse>;
  /** Epoch ms, ticking. */
  now: number;
}

/** What happened lately: the last failures in detail, response times, and state changes. */
export function HistorySection({ service, historyWindow, onHistoryWindow, history, now }: HistorySectionProps) {
  const busy = history.isFetching && (history.isPending || history.isPlaceholderData);
  return (
    <section className="service-section history" aria-labelledby="history-heading" aria-busy={busy}>
      <div className="section-head">
        <h2 id="history-heading">History</h2>
        <WindowPicker selected={historyWindow} onSelect={onHistoryWindow} busy={busy} />
      </div>
      <HistoryBody service={service} history={history} words={WINDOW_WORDS[historyWindow]} now={now} />
    </section>
  );
}

interface HistoryBodyProps {
  service: ServiceView;
  history: UseQueryResult<HistoryResponse>;
  /** The window in words: "the last 24 hours". */
  words: string;
  now: number;
}

function HistoryBody({ service, history, words, now }: HistoryBodyProps) {
  const checks = useMemo(() => sortChecks(service.checks), [service.checks]);
  const { data, error } = history;
  if (!data) {
    if (error) return <HistoryError message={error.message} retry={() => void history.refetch()} />;
    return <p className="loading">Loading the history…</p>;
  }
  return (
    <>
      {/* A failed refetch keeps the last good answer on screen, and says so. */}
      {error && <HistoryError message={error.message} retry={() => void history.refetch()} />}
      {history.isPlaceholderData && <p className="loading">{`Loading ${words}…`}</p>}
      {/* The charts come from the whole window's slices; only the list of failures is cut. */}
      {data.truncated && (
        <p className="note">{`Failures are listed from the newest ${data.results.length.toLocaleString()} results of ${words}; the charts cover all of it.`}</p>
      )}
      <LatestProblems checks={checks} results={data.results} words={words} now={now} />
      <ResponseTimes checks={checks} history={data} words={words} />
      <Transitions transitions={data.transitions} status={service.status} words={words} now={now} />
    </>
  );
}

function HistoryError({ message, retry }: { message: string; retry: () => void }) {
  return (
    <div className="history-error" role="alert">
      <p>{`Could not load the history: ${message}`}</p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
