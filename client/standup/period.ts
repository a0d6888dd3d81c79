import { localDay, nextDay, startOfDay, zoned } from './zoned-time';

/** The periods the picker offers by name, each ending when it is picked. */
export const PRESETS = ['yesterday-0900', '7d', '30d', '90d'] as const;
export type PresetName = (typeof PRESETS)[number];
/** A preset, or `custom` for a from–to picked by hand. */
export type PeriodName = PresetName | 'custom';

/** The picker's words for each preset. */
export const PRESET_LABELS: Record<PresetName, string> = {
  'yesterday-0900': 'Since yesterday 09:00',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};

/** The period a stand-up looks at: absolute ends, so a pasted link shows the same figures later. */
export interface Period {
  /** How it was picked, for the picker's label; the ends are what count. */
  name: PeriodName;
  /** Epoch ms. */
  from: number;
  /** Epoch ms; never after the moment it was picked. */
  to: number;
  /** The IANA zone its times are shown (and its days counted) in. */
  timeZone: string;
}

const DAY_MS = 86_400_000;
// Fixed lengths, as the server's own 7d/30d/90d windows: a week is 7 × 24 h whatever the clocks did.
const PRESET_DAYS: Record<Exclude<PresetName, 'yesterday-0900'>, number> = { '7d': 7, '30d': 30, '90d': 90 };

/** Whether `text` names a preset. */
export function isPresetName(text: string | null): text is PresetName {
  return (PRESETS as readonly (string | null)[]).includes(text);
}

/**
 * A preset resolved at `now`. "Since yesterday 09:00" is 09:00 on yesterday's date as the
 * clocks in `timeZone` show it, so after the clocks change overnight it is 23 or 25 hours
 * back, not 24 + the hours since 09:00.
 */
export function presetPeriod(name: PresetName, now: number, timeZone: string): Period {
  if (name === 'yesterday-0900') {
    const yesterday = zoned(now, timeZone).toPlainDate().subtract({ days: 1 });
    const from = yesterday.toZonedDateTime({ timeZone, plainTime: '09:00' }).epochMilliseconds;
    return { name, from, to: now, timeZone };
  }
  return { name, from: now - PRESET_DAYS[name] * DAY_MS, to: now, timeZone };
}

/**
 * Whole local days, `fromDay` 00:00 to the end of `toDay` (`YYYY-MM-DD`), cut at `now`
 * when `toDay` is today. Null when either is not a day, or the period would be empty or
 * backwards.
 */
export function dayRangePeriod(fromDay: string, toDay: string, now: number, timeZone: string): Period | null {
  const from = startOfDay(fromDay, timeZone);
  const end = startOfDay(toDay, timeZone);
  if (from === null || end === null) return null;
  const to = Math.min(startOfDay(nextDay(toDay), timeZone)!, now);
  return from < to ? { name: 'custom', from, to, timeZone } : null;
}

/** The local days a period's date inputs show: the day it starts and the day it ends on (its last instant's). */
export function periodDays(period: Period): { fromDay: string; toDay: string } {
  return { fromDay: localDay(period.from, period.timeZone), toDay: localDay(Math.max(period.from, period.to - 1), period.timeZone) };
}
