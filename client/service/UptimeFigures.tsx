import type { UseQueryResult } from '@tanstack/react-query';
import type { ServiceUptimeResponse } from '../../shared/api';
import { figureRows } from './uptime-figures';

/** One window's column: its name and its answer. */
export interface UptimeColumn {
  /** As asked of the server: `24h`. */
  window: string;
  /** Its heading: "24 hours". */
  words: string;
  /** The window's uptime query. */
  query: UseQueryResult<ServiceUptimeResponse>;
}

/** The figures of each window side by side: a column per window, a row per figure. */
export function UptimeFigures({ columns }: { columns: readonly UptimeColumn[] }) {
  const rows = figureRows(columns.map((c) => c.query.data?.service));
  const failed = columns.filter((c) => !c.query.data && c.query.error);
  return (
    <>
      <div className="table-scroll">
        <table className="uptime-figures">
          <thead>
            <tr>
              <td />
              {columns.map((c) => (
                <th key={c.window} scope="col">
                  {c.words}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.title ? <abbr title={row.title}>{row.label}</abbr> : row.label}</th>
                {row.cells.map((text, i) => (
                  <td key={columns[i]!.window} data-uptime-window={columns[i]!.window} className={text === 'no data' ? 'dim' : undefined}>
                    {text ?? (columns[i]!.query.error ? 'not loaded' : '…')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failed.length > 0 && (
        <div className="history-error" role="alert">
          <p>{`Could not load the uptime of ${failed.map((c) => c.words).join(', ')}: ${failed[0]!.query.error!.message}`}</p>
          <button type="button" onClick={() => failed.forEach((c) => void c.query.refetch())}>
            Try again
          </button>
        </div>
      )}
    </>
  );
}
