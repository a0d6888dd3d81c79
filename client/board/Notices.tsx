import type { BoardNotice } from '../../shared/api';

/** Where each kind of notice leads, for the person who wants more than the line. */
const MORE: Partial<Record<BoardNotice['code'], { href: string; text: string }>> = {
  'unmapped-alerts': { href: '/api/alerts/unmapped', text: 'list them' },
};

/** Notices drawn as a problem, not a warning: a silent pager means nobody comes. */
const SERIOUS: ReadonlySet<BoardNotice['code']> = new Set(['paging-failing']);

/**
 * What no tile can show, across the top of the wall under the banner: that history is not
 * being kept (statuses stay live), that alerts arrive for services the board lacks, or
 * that pages are not getting through.
 */
export function Notices({ notices }: { notices: readonly BoardNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="board-notices" aria-label="Server notices">
      {notices.map((notice) => {
        const more = MORE[notice.code];
        return (
          <li key={notice.code} className={SERIOUS.has(notice.code) ? 'board-notice board-notice-serious' : 'board-notice'} data-notice={notice.code}>
            {/* Announced as it appears; inside the item, so the list stays a list to a screen reader. */}
            <span role="alert">
              <span className="board-notice-mark" aria-hidden="true">
                ⚠
              </span>{' '}
              {notice.message}
              {more && (
                <>
                  {' '}
                  <a className="board-notice-more" href={more.href}>
                    {more.text}
                  </a>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
