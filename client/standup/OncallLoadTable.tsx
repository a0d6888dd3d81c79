import { formatDowntime, formatMean } from './figures-words';
import { hoursWords, type OncallRow } from './oncall-rows';

export interface OncallLoadTableProps {
  /** In the order shown: most paged first. */
  rows: readonly OncallRow[];
}

/** One row per person: how long they were on call, how often paged, how much of it out of hours, how fast they acknowledged. */
export function OncallLoadTable({ rows }: OncallLoadTableProps) {
  if (rows.length === 0) return <p className="standup-empty">Nobody was on call or paged in this period.</p>;
  return (
    <table className="standup-table">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Team</th>
          <th scope="col" className="num">
            On call
          </th>
          <th scope="col" className="num">
            Of it out of hours
          </th>
          <th scope="col" className="num">
            Pages
          </th>
          <th scope="col" className="num">
            Pages out of hours
          </th>
          <th scope="col" className="num">
            Time to ack, median
          </th>
          <th scope="col" className="num">
            Longest
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <OncallLine key={row.key} row={row} />
        ))}
      </tbody>
    </table>
  );
}

function OncallLine({ row }: { row: OncallRow }) {
  // Out of hours means out of *their* hours: the cells say which ones.
  const hours = `outside ${hoursWords(row.workingHours)}`;
  const unanswered = row.pages - row.acknowledged;
  return (
    <tr data-standup-person={row.key}>
      <th scope="row">{row.person.name}</th>
      <td>{row.teams.length > 0 ? row.teams.map((t) => t.name).join(', ') : <span className="standup-dim">no team</span>}</td>
      <td className="num" data-cell="on-call">
        {formatDowntime(row.onCallMs)}
      </td>
      <td className="num" data-cell="on-call-out-of-hours" title={hours}>
        {formatDowntime(row.onCallOutOfHoursMs)}
      </td>
      <td className="num" data-cell="pages">
        {row.pages}
      </td>
      <td className="num" data-cell="pages-out-of-hours" title={hours}>
        {row.pagesOutOfHours}
      </td>
      <td className="num" data-cell="ack-median">
        {formatMean(row.ackMedianMs)}
        {unanswered > 0 && <div className="standup-dim">{`${unanswered} not acknowledged by them`}</div>}
      </td>
      <td className="num" data-cell="ack-longest">
        {formatMean(row.ackLongestMs)}
      </td>
    </tr>
  );
}
