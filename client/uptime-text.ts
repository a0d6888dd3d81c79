/**
 * Uptime figures as every page writes them: cut, never rounded up, so a service that was
 * down at all never reads "100 %", and "no data" where nothing was watched. Pure.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// 0.9995 × 10 000 is 9994.999… in floating point: without this a figure would lose a digit it has.
const FLOAT_SLACK = 1e-7;

/**
 * Uptime (0–1) as percent digits: "99.95", "100" only when nothing was down, null when
 * nothing was watched. `fine` adds a third decimal past 99.99, where the nines are the
 * story (a service page); the wall and tables keep two.
 */
export function uptimePercent(uptime: number | null, downMs: number, { fine = false } = {}): string | null {
  if (uptime === null || !Number.isFinite(uptime)) return null;
  if (downMs <= 0 && uptime >= 1) return '100';
  const hundredths = Math.min(9_999, Math.max(0, Math.floor(uptime * 10_000 + FLOAT_SLACK)));
  if (fine && hundredths >= 9_999) return (Math.min(99_999, Math.floor(uptime * 100_000 + FLOAT_SLACK)) / 1_000).toFixed(3);
  return (hundredths / 100).toFixed(2);
}

/** "99.95 %", or "no data". */
export function formatUptime(uptime: number | null, downMs: number, options: { fine?: boolean } = {}): string {
  const percent = uptimePercent(uptime, downMs, options);
  return percent === null ? 'no data' : `${percent} %`;
}

/** A stretch of time in words, two units at most, cut down: "< 1 s", "40 s", "12 min", "1 h 5 min", "2 d 4 h"; "0 min" for none. */
export function formatSpan(ms: number): string {
  if (ms <= 0) return '0 min';
  if (ms < SECOND) return '< 1 s';
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  const [big, bigUnit, small, smallUnit] = ms < DAY ? [HOUR, 'h', MINUTE, 'min'] : [DAY, 'd', HOUR, 'h'];
  const first = Math.floor(ms / big);
  const second = Math.floor((ms % big) / small);
  return second > 0 ? `${first} ${bigUnit} ${second} ${smallUnit}` : `${first} ${bigUnit}`;
}

/** Downtime in words: "none" when there was none, else as formatSpan. */
export function formatDowntime(ms: number): string {
  return ms <= 0 ? 'none' : formatSpan(ms);
}
