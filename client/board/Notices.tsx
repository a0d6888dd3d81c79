import type { BoardNotice } from '../../shared/api';

/**
 * What is wrong with the server itself, across the top of the wall under the banner:
 * statuses stay live, but a team must see that, say, their history is not being kept.
 */
export function Notices({ notices }: { notices: readonly BoardNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="board-notices" aria-label="Server notices">
      {notices.map((notice) => (
        <li key={notice.code} className="board-notice" data-notice={notice.code} role="alert">
          <span className="board-notice-mark" aria-hidden="true">
            ⚠
          </span>{' '}
          {notice.message}
        </li>
      ))}
    </ul>
  );
}
