import type { ServiceView } from '../../shared/api';
import { SoundToggle } from './SoundToggle';
import type { WallView } from './use-wall-view';

/** Problems named in full before the rest are counted: the line stays one line. */
const NAMED_ELSEWHERE = 3;

function elsewhereText(services: readonly ServiceView[]): string {
  const names = services.slice(0, NAMED_ELSEWHERE).map((s) => s.name);
  const more = services.length - names.length;
  const count = `${services.length} ${services.length === 1 ? 'problem' : 'problems'} outside this view`;
  return `${count}: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * Under the banner, when the address asks for a view: which page of the wall this is and
 * which comes next, problems the view leaves out, the mute button of `?sound=1`, and what
 * in the address names nothing ("No team …"), so a mistyped address never looks like an
 * empty, healthy wall.
 */
export function ViewBar({ view }: { view: WallView }) {
  const { page, rotation, elsewhere, notices, sound } = view;
  if (!page && notices.length === 0 && !sound) return null;
  return (
    <>
      {(page || sound) && (
        <div
          className="view-bar"
          data-view={page?.id}
          data-view-next={rotation?.next.id}
          data-view-elsewhere={elsewhere.length > 0 ? elsewhere.length : undefined}
        >
          {page && <p className="view-name">{page.name}</p>}
          {rotation && (
            <p className="view-rotation">
              <span className="view-position">{`${rotation.index + 1} of ${rotation.count}`}</span>
              {` · next: ${rotation.next.name}`}
            </p>
          )}
          {page && !rotation && view.shown?.length === 0 && <p className="view-rotation">Nothing in this view right now</p>}
          {elsewhere.length > 0 && <p className="view-elsewhere">{elsewhereText(elsewhere)}</p>}
          {sound && <SoundToggle covers={view.covers} />}
        </div>
      )}
      {notices.length > 0 && (
        <ul className="view-notices" aria-label="About this address">
          {notices.map((notice) => (
            <li key={notice} className="view-notice" data-view-notice="" role="alert">
              {notice}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
