import type { SloView } from '../../shared/api';
import { sloWords } from './uptime-words';

const BURN_RATE_MEANING = "How fast the error budget goes: 1× spends it exactly by the window's end, 2× in half the time";

/** The objective and what is left of its error budget: "99.9 % over 30 days · 21 min of 43 min left · burn rate 0.5×". */
export function SloBudget({ slo }: { slo: SloView }) {
  const words = sloWords(slo);
  return (
    <p className="slo-budget" data-slo-breached={slo.breached ? '' : undefined}>
      <span className="slo-label">SLO</span> <strong>{words.objective}</strong>
      {' · '}
      <span className="slo-left">{words.budget}</span>
      {words.burn && (
        <>
          {' · '}
          <span className="slo-burn" title={BURN_RATE_MEANING}>
            {words.burn}
          </span>
        </>
      )}
    </p>
  );
}
