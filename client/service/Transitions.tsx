import { useMemo, useState } from 'react';
import type { HistoryTransition } from '../../shared/api';
import { formatDuration } from '../../shared/duration';
import type { Status } from '../../shared/status';
import { STATUS_WORD } from '../board/status-text';
import { formatAgo, formatWhen } from './format';
import { StackTable } from './StackTable';
import { StatusLabel } from './StatusLabel';
import { transitionRows, type TransitionRow } from './transitions';

/** Rows shown before "Show all": a flapping check can change state hundreds of times a day. */
export const FIRST_ROWS = 50;

export interface TransitionsProps {
  /** The window's status changes, oldest first, as the API sends them. */
  transitions: readonly HistoryTransition[];
  /** The service's status now, for "Up throughout". */
  status: Status;
  /** The window in words: "the last 24 hours". */
  words: string;
  /** Epoch ms, ticking, for changes still in force. */
  now: number;
}

/** Every status change of the service and its checks, newest first, and how long each lasted. */
export function Transitions({ transitions, status, words, now }: TransitionsProps) {
  const [all, setAll] = useState(false);
  const rows = useMemo(() => transitionRows(transitions, now), [transitions, now]);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <section className="history-part" aria-labelledby="transitions-heading">
      <h3 id="transitions-heading">State changes</h3>
      {rows.length === 0 ? (
        <p className="empty">{`No state changes in ${words}: ${STATUS_WORD[status]} throughout.`}</p>
      ) : (
        <StackTable className="transitions" columns={['When', 'What', 'Change', 'Lasted']}>
          {shown.map((row) => (
            <TransitionLine key={row.key} row={row} now={now} />
          ))}
        </StackTable>
      )}
      {rows.length > shown.length && (
        <button type="button" className="show-all" onClick={() => setAll(true)}>
          {`Show all ${rows.length} changes`}
        </button>
      )}
    </section>
  );
}

function TransitionLine({ row, now }: { row: TransitionRow; now: number }) {
  return (
    <tr data-transition-subject={row.checkId ?? 'service'}>
      <td data-label="When">
        <time dateTime={new Date(row.at).toISOString()}>{formatWhen(row.at, now)}</time>
        <span className="dim">{` · ${formatAgo(row.at, now)}`}</span>
      </td>
      <td data-label="What">{row.checkId === null ? <strong>Service</strong> : `Check ${row.checkId}`}</td>
      <td className="change" data-label="Change">
        {row.from === null ? <span className="dim">first seen</span> : <StatusLabel status={row.from} />}
        <span aria-hidden="true"> → </span>
        <span className="visually-hidden"> to </span>
        <StatusLabel status={row.to} />
      </td>
      <td data-label="Lasted">{row.ongoing ? `${formatDuration(row.lastedMs)} so far` : formatDuration(row.lastedMs)}</td>
    </tr>
  );
}
