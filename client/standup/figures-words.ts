import type { SloView } from '../../shared/api';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * `99.95 %`, cut (never rounded up) to hundredths, so `100 %` appears only when the
 * service was never down; `no data` when nothing was watched.
 */
export function formatUptime(uptime: number | null, downMs: number): string {
  if (uptime === null) return 'no data';
  // The small nudge keeps 0.9995 × 10 000 (9 994.999…) from losing a hundredth to float error.
  let hundredths = Math.floor(uptime * 10_000 + 1e-6);
  if (downMs > 0) hundredths = Math.min(hundredths, 9_999);
  return hundredths === 10_000 ? '100 %' : `${(hundredths / 100).toFixed(2)} %`;
}

/** A length of time as people say it at a stand-up: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`; `none` for zero. */
export function formatSpan(ms: number): string {
  if (ms <= 0) return 'none';
  if (ms < MINUTE_MS) return `${Math.max(1, Math.round(ms / 1_000))} s`;
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)} min`;
  const [big, bigUnit, small, smallUnit] =
    ms < DAY_MS
      ? [Math.floor(ms / HOUR_MS), 'h', Math.floor((ms % HOUR_MS) / MINUTE_MS), 'min']
      : [Math.floor(ms / DAY_MS), 'd', Math.floor((ms % DAY_MS) / HOUR_MS), 'h'];
  return small > 0 ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
}

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
