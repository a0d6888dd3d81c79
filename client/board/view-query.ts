import { isOffWord, isOnWord } from '../address-flags';
import { formatDuration, parseDuration } from '../../shared/duration';
import type { Status } from '../../shared/status';
import { STATUS_WORDS, statusesOf } from '../../shared/view-filter';

/** What a wall's address asks it to show: `/?team=payments&status=problems&rotate=30s&sound=1`. */
export interface ViewQuery {
  /** `?team=`: team ids or names, as written (commas or repeated parameters); empty: any team. */
  teams: string[];
  /** `?tag=`: tags; empty: any. */
  tags: string[];
  /** `?status=`: statuses (`problems` is down, degraded and unknown); empty: any. */
  statuses: Status[];
  /** `?view=`: a saved view's id; null when none is named. */
  view: string | null;
  /** `?rotate=30s`: how long each page is shown; null when the wall does not rotate. */
  rotateMs: number | null;
  /** `?sound=1`: a tone when a service becomes a problem, with a mute button. */
  sound: boolean;
  /** What in the address could not be read, in words for the wall; the rest still applies. */
  problems: string[];
}

/** A page shown for less than this cannot be read before it turns. */
export const MIN_ROTATE_MS = 2_000;
/** `?rotate` with no value. */
export const DEFAULT_ROTATE_MS = 30_000;

/** Every value of a parameter, repeated or comma-separated, trimmed, empty ones left out. */
function listOf(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function readStatuses(words: string[], problems: string[]): Status[] {
  const statuses = new Set<Status>();
  for (const word of words) {
    const read = statusesOf(word.toLowerCase());
    if (read) for (const status of read) statuses.add(status);
    else problems.push(`"${word}" is not a status; use one of ${STATUS_WORDS.join(', ')}`);
  }
  return [...statuses];
}

function readRotate(params: URLSearchParams, problems: string[]): number | null {
  const text = params.get('rotate');
  if (text === null || isOffWord(text)) return null;
  if (text === '' || text === '1' || text === 'on') return DEFAULT_ROTATE_MS;
  const ms = parseDuration(text);
  if (ms === null) {
    problems.push(`rotate=${text} is not a duration such as 30s or 2m: not rotating`);
    return null;
  }
  if (ms >= MIN_ROTATE_MS) return ms;
  problems.push(`rotate=${text} is too quick to read: each page shows for ${formatDuration(MIN_ROTATE_MS)}`);
  return MIN_ROTATE_MS;
}

/**
 * Reads a wall's address. A TV is configured by its address alone and nobody watches it
 * load, so nothing here fails: what cannot be read is named in `problems` and left out. Pure.
 */
export function parseViewQuery(search: string): ViewQuery {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const views = listOf(params, 'view');
  if (views.length > 1) problems.push(`one view at a time: showing "${views[0]}"`);
  return {
    teams: listOf(params, 'team'),
    tags: listOf(params, 'tag').map((tag) => tag.toLowerCase()),
    statuses: readStatuses(listOf(params, 'status'), problems),
    view: views[0] ?? null,
    rotateMs: readRotate(params, problems),
    sound: isOnWord(params.get('sound') ?? 'absent'),
    problems,
  };
}
