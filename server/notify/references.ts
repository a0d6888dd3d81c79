import type { z } from 'zod';
import type { Contact } from '../../shared/api';
import { didYouMean } from '../config/closest';
import { slug } from '../config/fields';
import type { ReferenceProblem } from '../config/references';
import { notifierTypes } from './registry';
import type { NotifierType } from './types';

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const idOf = (item: unknown): string | null => (isRecord(item) && typeof item.id === 'string' ? item.id : null);

/** A notifier as written, with its type and its shared settings once they are valid. */
interface KnownNotifier {
  type: NotifierType;
  /** Null when its fields are wrong: the schema reports those, and its routes are checked no further. */
  config: Raw | null;
}

/** The first notifier of each id whose type is known; one of an unknown type is the schema's to report. */
function knownNotifiers(notifiers: unknown[], types: Record<string, NotifierType>): Map<string, KnownNotifier | null> {
  const known = new Map<string, KnownNotifier | null>();
  for (const notifier of notifiers) {
    const id = idOf(notifier);
    if (id === null || known.has(id)) continue;
    const typeName = (notifier as Raw).type;
    // Own keys only: a type named `constructor` or `toString` is unknown, not Object's.
    const type = typeof typeName === 'string' && Object.hasOwn(types, typeName) ? types[typeName] : undefined;
    const parsed = type?.configSchema.safeExtend({ id: slug }).safeParse(notifier);
    known.set(id, type ? { type, config: parsed?.success ? parsed.data : null } : null);
  }
  return known;
}

/** The parts of a contact as written that are text; the schema reports the rest. */
function contactOf(person: Raw): Contact {
  const contact = isRecord(person.contact) ? person.contact : {};
  const text = (key: keyof Contact) => (typeof contact[key] === 'string' ? { [key]: contact[key] } : {});
  return { ...text('email'), ...text('slack'), ...text('phone') };
}

/** A zod issue of a route's target at the field it is about; an unknown field names the closest known one. */
function targetIssue(issue: z.core.$ZodIssue, path: PropertyKey[], known: string[]): ReferenceProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, ...issue.path, key], message: `unknown field "${key}"${didYouMean(key, known)}` }));
  }
  return [{ path: [...path, ...issue.path], message: issue.message }];
}

/**
 * One route of a person or team: its `via` names a notifier, its own fields are that
 * notifier type's target, and the type can send to it for whom it is (`problem`).
 */
function routeProblems(route: unknown, path: PropertyKey[], contact: Contact, notifiers: Map<string, KnownNotifier | null>): ReferenceProblem[] {
  if (!isRecord(route) || typeof route.via !== 'string') return [];
  if (!notifiers.has(route.via)) {
    return [{ path: [...path, 'via'], message: `no notifier with id "${route.via}" in notifiers${didYouMean(route.via, notifiers.keys())}` }];
  }
  const notifier = notifiers.get(route.via);
  if (!notifier) return [];
  // The target is the route less `via` and `when`, which every route has.
  const fields = Object.fromEntries(Object.entries(route).filter(([key]) => key !== 'via' && key !== 'when'));
  const target = notifier.type.targetSchema.safeParse(fields);
  if (!target.success) {
    const known = ['via', 'when', ...Object.keys(notifier.type.targetSchema.shape)];
    return target.error.issues.flatMap((issue) => targetIssue(issue, path, known));
  }
  if (notifier.config === null) return [];
  const problem = notifier.type.problem(notifier.config, target.data, contact);
  return problem === null ? [] : [{ path, message: problem }];
}

/**
 * Problems of paging that only show across entries: duplicate notifier ids, routes whose
 * `via` names no notifier or whose fields that notifier's type cannot take or send to
 * (`people[0].notify[1].topic: …`), and team `members` not in `people:`. Works on the
 * document as written, like every reference check, so these come in the same run as the
 * schema's problems; parts the schema refuses are skipped. Pure.
 */
export function pagingProblems(raw: unknown, types: Record<string, NotifierType> = notifierTypes): ReferenceProblem[] {
  if (!isRecord(raw)) return [];
  const problems: ReferenceProblem[] = [];
  const notifierList = listOf(raw.notifiers);
  const seen = new Set<string>();
  notifierList.forEach((notifier, index) => {
    const id = idOf(notifier);
    if (id !== null && seen.has(id)) problems.push({ path: ['notifiers', index, 'id'], message: `duplicate notifier id "${id}"` });
    if (id !== null) seen.add(id);
  });
  const notifiers = knownNotifiers(notifierList, types);
  const people = listOf(raw.people);
  const personIds = new Set(people.map(idOf).filter((id) => id !== null));
  people.forEach((person, pi) => {
    if (!isRecord(person)) return;
    const contact = contactOf(person);
    listOf(person.notify).forEach((route, ri) => problems.push(...routeProblems(route, ['people', pi, 'notify', ri], contact, notifiers)));
  });
  listOf(raw.teams).forEach((team, ti) => {
    if (!isRecord(team)) return;
    listOf(team.notify).forEach((route, ri) => problems.push(...routeProblems(route, ['teams', ti, 'notify', ri], {}, notifiers)));
    listOf(team.members).forEach((id, mi) => {
      if (typeof id === 'string' && !personIds.has(id))
        problems.push({ path: ['teams', ti, 'members', mi], message: `no person with id "${id}" in people${didYouMean(id, personIds)}` });
    });
  });
  return problems;
}
