import type { OncallLoadFigures, OncallLoadPersonView, OncallLoadSchedule, OncallPerson, TeamRef, WorkingHoursView } from '../../shared/api';

/** One line of the on-call table: a person's figures for every team, or for the one chosen. */
export interface OncallRow extends OncallLoadFigures {
  /** Stable and unique: the person's id, or their name for someone only a schedule knows. */
  key: string;
  person: OncallPerson;
  /** The teams the figures are for. */
  teams: TeamRef[];
  workingHours: WorkingHoursView;
}

const figuresOf = (f: OncallLoadFigures): OncallLoadFigures => ({
  onCallMs: f.onCallMs,
  onCallOutOfHoursMs: f.onCallOutOfHoursMs,
  pages: f.pages,
  pagesOutOfHours: f.pagesOutOfHours,
  acknowledged: f.acknowledged,
  ackMedianMs: f.ackMedianMs,
  ackLongestMs: f.ackLongestMs,
});

/**
 * The rows to show: each person's own figures, or, for one team, only those on call or
 * paged for it, with their figures for that team alone. Most paged first, then longest on
 * call, then by name, as the server orders them. Pure.
 */
export function oncallRows(people: readonly OncallLoadPersonView[], teamId: string | null): OncallRow[] {
  const rows = people.flatMap((p): OncallRow[] => {
    const key = p.person.id ?? `name:${p.person.name}`;
    if (teamId === null) return [{ key, person: p.person, teams: p.teams.map((t) => t.team), workingHours: p.workingHours, ...figuresOf(p) }];
    const own = p.teams.find((t) => t.team.id === teamId);
    return own ? [{ key, person: p.person, teams: [own.team], workingHours: p.workingHours, ...figuresOf(own) }] : [];
  });
  return rows.sort((a, b) => b.pages - a.pages || b.onCallMs - a.onCallMs || a.person.name.localeCompare(b.person.name));
}

/** The schedules of the team chosen (all when none) that could not be read for the period. */
export function unreadSchedules(schedules: readonly OncallLoadSchedule[], teamId: string | null): OncallLoadSchedule[] {
  return schedules.filter((s) => s.problem !== null && (teamId === null || s.team.id === teamId));
}

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const capital = (day: string) => day[0]!.toUpperCase() + day.slice(1);

/** `Mon–Fri 09:00–17:00 Europe/London`; days that do not follow on are listed: `Sat, Sun`. */
export function hoursWords(hours: WorkingHoursView): string {
  const days = WEEK.filter((d) => hours.days.includes(d));
  if (days.length === 0) return `no working days (${hours.timeZone})`;
  const first = WEEK.indexOf(days[0]!);
  const run = days.length >= 3 && days.every((d, i) => WEEK.indexOf(d) === first + i);
  const dayWords = run ? `${capital(days[0]!)}–${capital(days.at(-1)!)}` : days.map(capital).join(', ');
  return `${dayWords} ${hours.from}–${hours.to} ${hours.timeZone}`;
}
