import type { PageView } from '../../shared/api';
import { PAGE_STATUS, STEP_WORDS } from './incident-words';
import { StackTable } from './StackTable';
import { StatusLabel } from './StatusLabel';
import { When } from './When';

/** Every message sent for an incident: to whom, how, whether it got through and why not. */
export function IncidentPages({ pages, now, emptyText }: { pages: readonly PageView[]; now: number; emptyText: string }) {
  if (pages.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <StackTable className="incident-pages" columns={['Recipient', 'Channel', 'Status', 'Attempts', 'When']}>
      {pages.map((page) => (
        <PageRow key={page.id} page={page} now={now} />
      ))}
    </StackTable>
  );
}

function PageRow({ page, now }: { page: PageView; now: number }) {
  const status = PAGE_STATUS[page.status];
  return (
    <tr data-page={page.id} data-page-status={page.status}>
      <td data-label="Recipient">
        <strong>{page.recipient.name}</strong>
        {page.recipient.kind === 'team' && <span className="dim"> (team)</span>}
        <span className="page-step dim">{page.kind === 'resolve' ? 'all clear' : `as ${STEP_WORDS[page.step]}`}</span>
      </td>
      <td data-label="Channel">
        <span className="check-type">{page.channelType}</span> <span className="page-address">{page.address}</span>
      </td>
      <td data-label="Status">
        <StatusLabel status={status.tone} word={status.word} />
        {page.lastError !== null && <span className="page-error">{page.lastError}</span>}
      </td>
      <td className="num" data-label="Attempts">
        {page.attempts}
      </td>
      <td data-label="When">
        <span className="page-time">
          <span className="dim">queued </span>
          <When iso={page.createdAt} now={now} />
        </span>
        {page.sentAt !== null && (
          <span className="page-time">
            <span className="dim">sent </span>
            <When iso={page.sentAt} now={now} />
          </span>
        )}
        {page.nextAttemptAt !== null && (
          <span className="page-time">
            <span className="dim">next attempt </span>
            <When iso={page.nextAttemptAt} now={now} />
          </span>
        )}
      </td>
    </tr>
  );
}
