import type { CSSProperties, Ref } from 'react';
import { formatUntil, type StripEntry } from './oncall-entries';
import { STRIP_GAP_EM, STRIP_LINE_EM, STRIP_PAD_X_EM, STRIP_PAD_Y_EM, type StripPlan } from './strip-plan';

export interface OncallStripProps {
  /** Most urgent first (see stripEntries). */
  entries: readonly StripEntry[];
  /** How much room the wall gives it (see planStrip). */
  plan: StripPlan;
  /** Epoch ms, for "until Tue 09:00". */
  now: number;
  /** The strip's list, for measuring its entries. */
  ref?: Ref<HTMLUListElement>;
}

/**
 * Who is on call for each team, across the wall under the banner: team → person, until
 * when. Its size is the layout's to decide (planStrip); its height is set exactly, so the
 * grid gets what the plan counted on. Hidden, it stays in the page for screen readers.
 */
export function OncallStrip({ entries, plan, now, ref }: OncallStripProps) {
  if (entries.length === 0) return null;
  const style = {
    fontSize: `${plan.fontEm}em`,
    height: plan.lines === null ? undefined : plan.lines === 0 ? 0 : `${plan.lines * STRIP_LINE_EM + 2 * STRIP_PAD_Y_EM}em`,
    '--strip-line': STRIP_LINE_EM,
    '--strip-pad-y': `${STRIP_PAD_Y_EM}em`,
    '--strip-pad-x': `${STRIP_PAD_X_EM}em`,
    '--strip-gap': `${STRIP_GAP_EM}em`,
  } as CSSProperties;
  return (
    <ul ref={ref} className="oncall-strip" aria-label="On call" data-strip={plan.level} style={style}>
      {entries.map((entry) => (
        <li key={entry.team.id} className="oncall-entry" data-oncall-team={entry.team.id} data-nobody={entry.person ? undefined : ''}>
          <span className="oncall-team">{entry.team.name}</span>
          <span className="oncall-arrow" aria-hidden="true">
            {' → '}
          </span>
          {entry.person ? <span className="oncall-person">{entry.person.name}</span> : <span className="oncall-nobody">nobody on call</span>}
          {entry.person && entry.until !== null && <span className="oncall-until">{` ${formatUntil(entry.until, now)}`}</span>}
        </li>
      ))}
    </ul>
  );
}
