import { Temporal } from '@js-temporal/polyfill';
import ICAL from 'ical.js';
import type { OncallIdentity, Shift } from './types';
import { isTimeZone } from './local-time';

/** Where the person on call is read from in each event. */
export type WhoField = 'attendee' | 'summary';

export interface ExpandOptions {
  /** The ATTENDEE's email and CN, or the SUMMARY text. */
  who: WhoField;
  /** The zone of all-day events and of times with no zone; else the calendar's X-WR-TIMEZONE, else UTC. */
  timezone?: string | undefined;
}

/** The shifts of a calendar, or why it has none to give, in words. */
export type Expanded = { ok: true; shifts: Shift[] } | { ok: false; reason: string };

/** A rule that repeats more often than this up to the window (every minute for years) is refused, not half expanded. */
const MAX_OCCURRENCES_PER_EVENT = 200_000;
const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Every occurrence of every event of an iCalendar text that overlaps [from, to), as a
 * shift of the person it names, sorted by start. Recurrence rules, EXDATE, RDATE and
 * RECURRENCE-ID overrides are expanded by ical.js; times are read in the calendar's own
 * VTIMEZONE definitions. Events that name nobody, or are cancelled, are left out: a gap
 * shows as "nobody on call", never as a wrong person.
 */
export function expandCalendar(text: string, window: { from: number; to: number }, options: ExpandOptions): Expanded {
  let calendars: ICAL.Component[];
  try {
    calendars = parseCalendars(text);
  } catch {
    return { ok: false, reason: 'not an iCalendar file' };
  }
  if (calendars.length === 0) return { ok: false, reason: 'not an iCalendar file' };
  try {
    const shifts = calendars.flatMap((calendar) => calendarShifts(calendar, window, options));
    return { ok: true, shifts: shifts.sort((a, b) => a.from - b.from || a.to - b.to) };
  } catch (error) {
    return { ok: false, reason: error instanceof CalendarProblem ? error.message : 'an iCalendar file ical.js cannot expand' };
  }
}

/** A calendar that parses but cannot be read for shifts; its message is shown as is. */
class CalendarProblem extends Error {}

function parseCalendars(text: string): ICAL.Component[] {
  // Some exporters (Outlook among them) begin the file with a byte-order mark.
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!/^BEGIN:VCALENDAR/i.test(body)) throw new Error('no VCALENDAR');
  const parsed: unknown = ICAL.parse(body);
  // One calendar parses to one jCal array, several to a list of them.
  const roots = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  return roots.map((jcal) => new ICAL.Component(jcal as never)).filter((root) => root.name === 'vcalendar');
}

/** One calendar's events, masters with their moved occurrences related to them. */
function calendarShifts(calendar: ICAL.Component, window: { from: number; to: number }, options: ExpandOptions): Shift[] {
  const wallZone = options.timezone ?? knownZone(calendar.getFirstPropertyValue('x-wr-timezone')) ?? 'UTC';
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  const masters = new Map<string, ICAL.Event>();
  for (const event of events) if (!event.isRecurrenceException()) masters.set(event.uid, event);

  const reader = new OccurrenceReader(window, options.who, wallZone);
  const orphans: ICAL.Event[] = [];
  for (const event of events) {
    if (!event.isRecurrenceException()) continue;
    const master = masters.get(event.uid);
    if (master?.isRecurring()) master.relateException(event);
    else orphans.push(event);
  }
  for (const master of masters.values()) {
    if (master.isRecurring()) reader.readRecurring(master);
    else reader.read(master, master.startDate, master.endDate);
  }
  // An override with no series in this file stands on its own.
  for (const orphan of orphans) reader.read(orphan, orphan.startDate, orphan.endDate);
  return reader.shifts;
}

/** Turns occurrences into shifts, keeping those that overlap the window. */
class OccurrenceReader {
  readonly shifts: Shift[] = [];

  constructor(
    private readonly window: { from: number; to: number },
    private readonly who: WhoField,
    private readonly wallZone: string,
  ) {}

  /** One occurrence of `item` (the master or an override) from `start` to `end`. */
  read(item: ICAL.Event, start: ICAL.Time, end: ICAL.Time): void {
    if (String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return;
    const zone = this.zoneOf(item);
    const from = epochOf(start, zone);
    const to = epochOf(end, zone);
    if (!(to > from) || from >= this.window.to || to <= this.window.from) return;
    const who = identityOf(item, this.who);
    if (who) this.shifts.push({ who, from, to });
  }

  /**
   * A series, occurrence by occurrence in order of their original times, up to the end of
   * the window; then the overrides moved into the window from an original time after it.
   */
  readRecurring(master: ICAL.Event): void {
    const iterator = master.iterator();
    const zone = this.zoneOf(master);
    for (let count = 0; ; count += 1) {
      if (count > MAX_OCCURRENCES_PER_EVENT) throw new CalendarProblem('an event repeats too often to expand');
      const next = iterator.next();
      if (!next || epochOf(next, zone) >= this.window.to) break;
      const details = master.getOccurrenceDetails(next);
      this.read(details.item, details.startDate, details.endDate);
    }
    // The loop above stopped before their original times.
    for (const exception of Object.values(master.exceptions)) {
      if (epochOf(exception.recurrenceId, zone) >= this.window.to) this.read(exception, exception.startDate, exception.endDate);
    }
  }

  /**
   * The zone of an event's times when ical.js could not place them: a TZID with no
   * VTIMEZONE in the file (read as the IANA zone of that name), or floating times.
   */
  private zoneOf(item: ICAL.Event): string {
    const tzid = item.component.getFirstProperty('dtstart')?.getParameter('tzid');
    return knownZone(tzid) ?? this.wallZone;
  }
}

function knownZone(name: unknown): string | undefined {
  return typeof name === 'string' && name && isTimeZone(name) ? name : undefined;
}

/** An instant: ical.js places zoned times; dates are whole days and floating times wall times in `zone`. */
function epochOf(time: ICAL.Time, zone: string): number {
  if (time.isDate) return Temporal.PlainDate.from({ year: time.year, month: time.month, day: time.day }).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  if (time.zone && time.zone !== ICAL.Timezone.localTimezone) return time.toUnixTime() * 1000;
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
  return Temporal.PlainDateTime.from(wall).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** Who an event names, or null when it names nobody usable. */
function identityOf(event: ICAL.Event, who: WhoField): OncallIdentity | null {
  if (who === 'summary') {
    const text = (event.summary ?? '').trim();
    if (!text) return null;
    return EMAIL_RE.test(text) ? { name: text, email: text.toLowerCase() } : { name: text };
  }
  for (const attendee of event.attendees) {
    const address = String(attendee.getFirstValue() ?? '').trim();
    if (!/^mailto:/i.test(address)) continue;
    // Someone who declined the shift is not on call.
    if (String(attendee.getParameter('partstat') ?? '').toUpperCase() === 'DECLINED') continue;
    const email = address.slice('mailto:'.length).trim().toLowerCase();
    if (!EMAIL_RE.test(email)) continue;
    const name = attendee.getParameter('cn');
    return typeof name === 'string' && name.trim() ? { email, name: name.trim() } : { email };
  }
  return null;
}
