import type { SloView } from '../../shared/api';
import { formatDowntime, formatSpan, formatUptime as formatUptimeText } from '../uptime-text';

/** Uptime cut to hundredths, never rounded up: `100 %` only when the service was never down; `no data` when nothing was watched. */
export const formatUptime = (uptime: number | null, downMs: number) => formatUptimeText(uptime, downMs);

export { formatDowntime, formatSpan };

/** A mean time, or a dash when there was nothing to average. */
export function formatMean(ms: number | null): string {
  return ms === null ? '—' : formatSpan(ms);
}

/** What is left of an objective's error budget, in words: a spent one says so, not only in red. */
export function sloWords(slo: SloView | null): { text: string; breached: boolean } | null {
  if (slo === null) return null;
  const target = `${+(slo.target * 100).toFixed(3)} % over ${slo.window}`;
  if (slo.breached || slo.budgetLeftMs < 0) {
    const over = slo.budgetLeftMs < 0 ? `${formatSpan(-slo.budgetLeftMs)} over budget` : 'budget spent';
    return { text: `Breached: ${over} (${target})`, breached: true };
  }
  const share = slo.budgetMs > 0 ? ` (${Math.floor((slo.budgetLeftMs / slo.budgetMs) * 100)} %)` : '';
  return { text: `${formatSpan(slo.budgetLeftMs)} left${share} of ${target}`, breached: false };
}
