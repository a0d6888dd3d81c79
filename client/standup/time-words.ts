import type { Period } from './period';
import { localDay } from './zoned-time';

const formats = new Map<string, Intl.DateTimeFormat>();

// One formatter per zone and form: building one is slow, and a table formats hundreds of times.
function formatIn(timeZone: string, withDay: boolean): Intl.DateTimeFormat {
  const key = `${timeZone} ${withDay}`;
  let format = formats.get(key);
  if (!format) {
    const day = withDay ? ({ weekday: 'short', day: 'numeric', month: 'short' } as const) : {};
    format = new Intl.DateTimeFormat('en-GB', { timeZone, ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(key, format);
  }
  return format;
}

const epoch = (at: number | string) => (typeof at === 'string' ? Date.parse(at) : at);

/** `Mon 30 Nov, 09:00` as the clocks in `timeZone` show it. */
export function formatAt(at: number | string, timeZone: string): string {
  return formatIn(timeZone, true).format(epoch(at));
}

/** `09:12` when on the same local day as `reference` (an incident's opening, say), else as formatAt. */
export function formatAtAfter(at: number | string, reference: number | string, timeZone: string): string {
  const sameDay = localDay(epoch(at), timeZone) === localDay(epoch(reference), timeZone);
  return formatIn(timeZone, !sameDay).format(epoch(at));
}

/** `Mon 30 Nov, 09:00 – Tue 1 Dec, 14:13`, and the zone when it is not the viewer's own. */
export function periodWords(period: Period, viewerZone: string): string {
  const span = `${formatAt(period.from, period.timeZone)} – ${formatAt(period.to, period.timeZone)}`;
  return period.timeZone === viewerZone ? span : `${span} (${period.timeZone})`;
}
