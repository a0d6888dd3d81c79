import type { EscalationStep, OncallLoadFigures, OncallPerson, TeamRef } from '../../shared/api';
import type { WorkingHours } from '../notify/config';
import { isWorkingTime, workingMinutes } from '../notify/working-hours';
import { joinIntervals } from '../uptime/timeline';
import type { Interval } from '../uptime/model';
import type { PersonShift } from './now-next';
import { resolvePerson, type KnownPerson } from './who';

/**
 * The on-call load of a period: who was on call how long, how much of it out of working
 * hours, how often they were paged and how fast they acknowledged. Pure: shifts, incidents
 * and pages come in, figures go out.
 */

/** Working hours and the zone whose clocks they are read on. */
export interface HoursInZone {
  hours: WorkingHours;
  timeZone: string;
}

/** One layer's shifts as its provider gave them for the period (they may run past its ends). */
export interface LayerShifts {
  team: TeamRef;
  layer: 'primary' | 'secondary';
  shifts: readonly PersonShift[];
}

/** An incident of the period, as far as the load needs it. */
export interface LoadIncident {
  id: string;
  /** The team owning its service now; null when it has none. */
  team: TeamRef | null;
  openedAt: number;
  acknowledged: { personId: string | null; at: number } | null;
}

/** A page of one of those incidents (`Page` in `server/incidents/model.ts`, times in epoch ms). */
export interface LoadPage {
  incidentId: string;
  kind: 'trigger' | 'resolve';
  step: EscalationStep;
  recipient: { kind: 'person' | 'team'; id: string; name: string };
  /** When it was handed over; null while pending, retrying, or once given up: it never reached anyone. */
  sentAt: number | null;
}

export interface LoadInput {
  window: Interval;
  layers: readonly LayerShifts[];
  incidents: readonly LoadIncident[];
  pages: readonly LoadPage[];
  /** The config's `people:`, to name who was paged. */
  people: readonly KnownPerson[];
  /** The hours a person's time and pages are judged by. */
  hoursOfPerson(person: OncallPerson): HoursInZone;
  /** The hours an incident's opening is judged by: its team's (null: no team). */
  hoursOfTeam(teamId: string | null): HoursInZone;
}

export interface TeamLoad extends OncallLoadFigures {
  team: TeamRef;
  layers: Array<'primary' | 'secondary'>;
}

export interface PersonLoad extends OncallLoadFigures {
  person: OncallPerson;
  hours: HoursInZone;
  /** By team name. */
  teams: TeamLoad[];
}

export interface LoadResult {
  /** Most paged first, then longest on call, then by name. */
  people: PersonLoad[];
  incidents: Array<{ id: string; outOfHours: boolean }>;
}

/** A page as a person lived it: one per incident and step, at its first channel's sending. */
interface Received {
  incidentId: string;
  sentAt: number;
}

interface Bucket {
  intervals: Interval[];
  layers: Set<'primary' | 'secondary'>;
  received: Received[];
}

interface Entry {
  person: OncallPerson;
  total: Bucket;
  teams: Map<string, { team: TeamRef; bucket: Bucket }>;
}

const emptyBucket = (): Bucket => ({ intervals: [], layers: new Set(), received: [] });

/** Someone a schedule knows only by name is told apart by name and email, as `samePerson` does. */
const keyOf = (person: OncallPerson) => (person.id !== null ? `id:${person.id}` : `name:${person.name}|${person.contact.email ?? ''}`);

/** Every person's load over the window, and which incidents opened out of hours. */
export function oncallLoad(input: LoadInput): LoadResult {
  const entries = new Map<string, Entry>();
  const entryOf = (person: OncallPerson) =>
    entries.get(keyOf(person)) ?? entries.set(keyOf(person), { person, total: emptyBucket(), teams: new Map() }).get(keyOf(person))!;
  const bucketsOf = (entry: Entry, team: TeamRef | null): Bucket[] => {
    if (team === null) return [entry.total];
    const held = entry.teams.get(team.id) ?? entry.teams.set(team.id, { team, bucket: emptyBucket() }).get(team.id)!;
    return [entry.total, held.bucket];
  };

  for (const { team, layer, shifts } of input.layers) {
    for (const shift of shifts) {
      const from = Math.max(shift.from, input.window.from);
      const to = Math.min(shift.to, input.window.to);
      if (!(to > from)) continue;
      for (const bucket of bucketsOf(entryOf(shift.person), team)) {
        bucket.intervals.push({ from, to });
        bucket.layers.add(layer);
      }
    }
  }

  const incidents = new Map(input.incidents.map((incident) => [incident.id, incident]));
  for (const [personId, page] of pagesReceived(input)) {
    const known = resolvePerson({ personId }, input.people);
    // Someone paged who has left `people:` since keeps the id the page names, so their shifts still match.
    const person = known.id === null ? { id: personId, name: page.name, contact: {} } : known;
    for (const bucket of bucketsOf(entryOf(person), incidents.get(page.incidentId)?.team ?? null)) bucket.received.push(page);
  }

  const people = [...entries.values()].map((entry) => personLoad(entry, input, incidents));
  people.sort((a, b) => b.pages - a.pages || b.onCallMs - a.onCallMs || a.person.name.localeCompare(b.person.name));
  return {
    people,
    incidents: input.incidents.map((incident) => {
      const { hours, timeZone } = input.hoursOfTeam(incident.team?.id ?? null);
      return { id: incident.id, outOfHours: !isWorkingTime(hours, timeZone, incident.openedAt) };
    }),
  };
}

/**
 * The trigger pages sent to people in the window, one per (person, incident, step): a page
 * by email and by Slack at once is one interruption, not two. Resolve pages are news, not
 * work; team channels are nobody's load.
 */
function pagesReceived({ pages, window }: LoadInput): Array<[string, Received & { name: string }]> {
  const first = new Map<string, [string, Received & { name: string }]>();
  for (const page of pages) {
    if (page.kind !== 'trigger' || page.recipient.kind !== 'person' || page.sentAt === null) continue;
    if (page.sentAt < window.from || page.sentAt >= window.to) continue;
    const key = JSON.stringify([page.recipient.id, page.incidentId, page.step]);
    const held = first.get(key);
    if (!held || page.sentAt < held[1].sentAt)
      first.set(key, [page.recipient.id, { incidentId: page.incidentId, sentAt: page.sentAt, name: page.recipient.name }]);
  }
  return [...first.values()];
}

function personLoad(entry: Entry, input: LoadInput, incidents: ReadonlyMap<string, LoadIncident>): PersonLoad {
  const hours = input.hoursOfPerson(entry.person);
  const figures = (bucket: Bucket) => figuresOf(bucket, entry.person, hours, incidents);
  const teams = [...entry.teams.values()]
    .map(({ team, bucket }) => ({ team, layers: (['primary', 'secondary'] as const).filter((l) => bucket.layers.has(l)), ...figures(bucket) }))
    .sort((a, b) => a.team.name.localeCompare(b.team.name));
  return { person: entry.person, hours, ...figures(entry.total), teams };
}

function figuresOf(bucket: Bucket, person: OncallPerson, { hours, timeZone }: HoursInZone, incidents: ReadonlyMap<string, LoadIncident>): OncallLoadFigures {
  // On two layers or two teams at once is still one stretch of time on call.
  const onCall = union(bucket.intervals);
  const ackTimes = acknowledgeTimes(bucket.received, person, incidents);
  return {
    onCallMs: onCall.reduce((sum, i) => sum + (i.to - i.from), 0),
    onCallOutOfHoursMs: onCall.reduce((sum, i) => sum + workingMinutes(hours, timeZone, i.from, i.to).outOfHours, 0),
    pages: bucket.received.length,
    pagesOutOfHours: bucket.received.filter((page) => !isWorkingTime(hours, timeZone, page.sentAt)).length,
    acknowledged: ackTimes.length,
    ackMedianMs: median(ackTimes),
    ackLongestMs: ackTimes.length === 0 ? null : Math.max(...ackTimes),
  };
}

/**
 * For each incident the person was paged for and acknowledged themselves: the time from
 * their first page of it to their acknowledgement. An incident someone else acknowledged
 * says nothing of how fast this person answers, so it is not counted.
 */
function acknowledgeTimes(received: readonly Received[], person: OncallPerson, incidents: ReadonlyMap<string, LoadIncident>): number[] {
  const firstPage = new Map<string, number>();
  for (const page of received) firstPage.set(page.incidentId, Math.min(page.sentAt, firstPage.get(page.incidentId) ?? Infinity));
  const times: number[] = [];
  for (const [incidentId, sentAt] of firstPage) {
    const ack = incidents.get(incidentId)?.acknowledged;
    if (ack && person.id !== null && ack.personId === person.id) times.push(Math.max(0, ack.at - sentAt));
  }
  return times;
}

/** The stretches covered by any of `intervals`, joined where they touch or overlap (the uptime timeline's join). */
export const union = joinIntervals;

/** The middle value; of an even count, the mean of the two middle ones, to the millisecond. Null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
