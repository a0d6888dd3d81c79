import { z } from 'zod';
import type { SavedView } from '../../shared/api';
import type { Status } from '../../shared/status';
import { STATUS_WORDS, statusesOf } from '../../shared/view-filter';
import { didYouMean } from './closest';
import { nonEmpty, slug } from './fields';
import type { ReferenceProblem } from './references';

/**
 * One value or a list of them, read as a list: `team: payments` or `team: [payments,
 * search]`. Each value is checked by `item`, its problems placed on it.
 */
function oneOrMore<T>(item: z.ZodType<T>) {
  return z.unknown().transform((value, ctx): T[] => {
    if (Array.isArray(value) && value.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must name at least one' });
      return z.NEVER;
    }
    const values: unknown[] = Array.isArray(value) ? value : [value];
    const read: T[] = [];
    values.forEach((one, i) => {
      const result = item.safeParse(one);
      if (result.success) read.push(result.data);
      else
        for (const issue of result.error.issues)
          ctx.addIssue({ code: 'custom', message: issue.message, path: Array.isArray(value) ? [i, ...issue.path] : issue.path });
    });
    return read;
  });
}

const statusWord = z.string({ error: `expected one of ${STATUS_WORDS.join(', ')}` }).transform((word, ctx): Status[] => {
  const statuses = statusesOf(word);
  if (statuses) return statuses;
  ctx.addIssue({ code: 'custom', message: `"${word}" is not a status; use one of ${STATUS_WORDS.join(', ')}${didYouMean(word, STATUS_WORDS)}` });
  return z.NEVER;
});

/** A tag on a service, as views and addresses name it (`/?tag=eu`). */
export const tagSchema = slug;

/**
 * A saved view of the wall (`views:` in the config): a name, and the teams, tags and
 * statuses it shows; what it leaves out lets every service through. Read into the shape
 * boards get from `GET /api/views`.
 */
export const viewSchema = z
  .strictObject({
    id: slug,
    name: nonEmpty,
    /** A team id, or a list: services of any of them. */
    team: oneOrMore(slug).optional(),
    /** A tag, or a list: services with any of them. */
    tag: oneOrMore(tagSchema).optional(),
    /** `problems` (down, degraded, unknown), a status, or a list of them. */
    status: oneOrMore(statusWord)
      .transform((lists) => [...new Set(lists.flat())])
      .optional(),
  })
  .transform(({ id, name, team, tag, status }): SavedView => ({ id, name, teams: team ?? [], tags: tag ?? [], statuses: status ?? [] }));

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (item: unknown): string | null => (isRecord(item) && typeof item.id === 'string' ? item.id : null);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Where a view names teams or tags, each with its path: a single value or each of a list. */
function named(view: Raw, vi: number, field: 'team' | 'tag'): Array<{ path: PropertyKey[]; value: string }> {
  const value = view[field];
  if (typeof value === 'string') return [{ path: ['views', vi, field], value }];
  return listOf(value).flatMap((v, i) => (typeof v === 'string' ? [{ path: ['views', vi, field, i], value: v }] : []));
}

/**
 * What is wrong across the config's views: an id used twice (`/?view={id}` must name one),
 * a team the config does not have, a tag no service carries (a view that can never show
 * anything is a typo). Works on the document as written, skipping what is malformed: the
 * schema reports that. Pure.
 */
export function viewProblems(raw: unknown): ReferenceProblem[] {
  if (!isRecord(raw) || !Array.isArray(raw.views)) return [];
  const teamIds = new Set(
    listOf(raw.teams)
      .map(idOf)
      .filter((id) => id !== null),
  );
  const tags = new Set(
    listOf(raw.services)
      .flatMap((s) => (isRecord(s) ? listOf(s.tags) : []))
      .filter((t) => typeof t === 'string'),
  );
  const problems: ReferenceProblem[] = [];
  const seen = new Set<string>();
  raw.views.forEach((view: unknown, vi) => {
    const id = idOf(view);
    if (id !== null && seen.has(id)) problems.push({ path: ['views', vi, 'id'], message: `duplicate view id "${id}"` });
    if (id !== null) seen.add(id);
    if (!isRecord(view)) return;
    for (const { path, value } of named(view, vi, 'team')) {
      if (!teamIds.has(value)) problems.push({ path, message: `no team with id "${value}"${didYouMean(value, teamIds)}` });
    }
    for (const { path, value } of named(view, vi, 'tag')) {
      if (!tags.has(value)) problems.push({ path, message: `no service has the tag "${value}"${didYouMean(value, tags)}` });
    }
  });
  return problems;
}
