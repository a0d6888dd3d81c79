import type { SloView } from '../../shared/api';
import { formatDowntime, formatSpan, formatUptime as formatUptimeText } from '../uptime-text';

/**
 * Uptime figures in words for a service's page. Pure. Figures are cut, never rounded up:
 * a service that was down for a minute must never read "100 %".
 */

/** "99.95 %", "99.996 %" (a third decimal once past 99.99), "100 %" only when nothing was down, "no data" when nothing was watched. */
export const formatUptime = (uptime: number | null, downMs: number) => formatUptimeText(uptime, downMs, { fine: true });

export { formatDowntime, formatSpan };

/** "no incidents", "1 incident", "3 incidents". */
export function incidentsText(count: number): string {
  if (count === 0) return 'no incidents';
  return `${count} ${count === 1 ? 'incident' : 'incidents'}`;
}

/** An objective as configured: 0.999 → "99.9 %", 0.9995 → "99.95 %". Not a measurement, so no fixed decimals. */
export function formatTarget(target: number): string {
  return `${Number((target * 100).toFixed(4))} %`;
}

const UNIT_WORDS: Record<string, [string, string]> = { h: ['hour', 'hours'], d: ['day', 'days'], w: ['week', 'weeks'] };

/** A window as written in the config, in words: "30d" → "30 days", "1w" → "1 week"; anything else as written. */
export function windowWords(window: string): string {
  const match = /^(\d+)([hdw])$/.exec(window);
  const words = match ? UNIT_WORDS[match[2]!] : undefined;
  if (!match || !words) return window;
  const count = Number(match[1]);
  return `${count} ${count === 1 ? words[0] : words[1]}`;
}

/** A service's objective in words, in the order the page reads them. */
export interface SloWords {
  /** "99.9 % over 30 days". */
  objective: string;
  /** "21 min of 43 min left", "budget spent: 12 min over", or "no data yet". */
  budget: string;
  /** "burn rate 2.5×" (1× spends the budget exactly by the window's end); null when nothing was watched. */
  burn: string | null;
}

/** The objective, what is left of its error budget and how fast it goes. */
export function sloWords(slo: SloView): SloWords {
  const objective = `${formatTarget(slo.target)} over ${windowWords(slo.window)}`;
  if (slo.uptime === null) return { objective, budget: 'no data yet', burn: null };
  const budget =
    slo.budgetLeftMs < 0
      ? `budget spent: ${formatSpan(-slo.budgetLeftMs)} over`
      : slo.breached
        ? 'budget spent'
        : `${formatSpan(slo.budgetLeftMs)} of ${formatSpan(slo.budgetMs)} left`;
  return { objective, budget, burn: slo.burnRate === null ? null : `burn rate ${formatBurnRate(slo.burnRate)}` };
}

/** "0.4×", "2.5×", "12×": one decimal while it is small enough for one to matter. */
export function formatBurnRate(rate: number): string {
  return rate < 9.95 ? `${rate.toFixed(1)}×` : `${Math.round(rate)}×`;
}
