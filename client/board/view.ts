import type { SavedView, ServiceView, TeamRef, WallFilter } from '../../shared/api';
import { isProblem, STATUSES, type Status } from '../../shared/status';
import { EVERY_SERVICE, isEveryService, matchesFilter, statusesOf, PROBLEMS } from '../../shared/view-filter';
import { compareNames } from '../natural-order';
import type { ViewQuery } from './view-query';

/** One page of a wall's view: what it is called and which services it shows. */
export interface ViewPage {
  /** `data-view`: a saved view's id, `team:{id}` for a team's page (`team:none` for services with no team), or the filters (`tag:eu status:problems`). */
  id: string;
  /** What the wall calls it: "Payments", "EU · problems". */
  name: string;
  /** A service is on the page when it matches every one of them. */
  filters: WallFilter[];
}

/** What a wall's address comes to, against the services and the saved views. */
export interface ResolvedView {
  /** One page for a fixed view, several for a rotation; empty for the whole wall. */
  pages: ViewPage[];
  /** How long each page shows; null for a fixed view (or the whole wall). */
  rotateMs: number | null;
  /** What the address asked for that does not exist, or could not be read, in words for the wall. */
  notices: string[];
}

const PROBLEM_STATUSES = statusesOf(PROBLEMS)!;
const NO_TEAM_PAGE = 'team:none';

const filter = (part: Partial<WallFilter>): WallFilter => ({ ...EVERY_SERVICE, ...part });

/** The teams the services belong to, by name. */
function teamsOf(services: readonly ServiceView[]): TeamRef[] {
  const byId = new Map<string, TeamRef>();
  for (const s of services) if (s.team) byId.set(s.team.id, s.team);
  return [...byId.values()].sort((a, b) => compareNames(a.name, b.name) || compareNames(a.id, b.id));
}

/** "Payments (payments), Search (search)": what a person could have meant. */
const known = (teams: readonly TeamRef[]) => teams.map((t) => (t.name === t.id ? t.id : `${t.name} (${t.id})`)).join(', ');

/** The teams `?team=` names, by id or by name in any case; each it cannot find is a notice. */
function resolveTeams(asked: readonly string[], teams: readonly TeamRef[], notices: string[]): TeamRef[] {
  const found = new Map<string, TeamRef>();
  for (const word of asked) {
    const team = teams.find((t) => t.id === word) ?? teams.find((t) => t.name.toLowerCase() === word.toLowerCase());
    if (team) found.set(team.id, team);
    else notices.push(`No team "${word}" — known teams: ${teams.length > 0 ? known(teams) : 'none'}`);
  }
  return [...found.values()];
}

function resolveTags(asked: readonly string[], services: readonly ServiceView[], notices: string[]): string[] {
  const tags = [...new Set(services.flatMap((s) => s.tags ?? []))].sort();
  return asked.filter((tag) => {
    if (tags.includes(tag)) return true;
    notices.push(`No service has the tag "${tag}" — known tags: ${tags.length > 0 ? tags.join(', ') : 'none'}`);
    return false;
  });
}

function resolveSaved(id: string | null, saved: readonly SavedView[] | null, notices: string[]): SavedView | null {
  if (id === null || saved === null) return null;
  const view = saved.find((v) => v.id === id);
  if (!view) notices.push(`No saved view "${id}" — ${saved.length > 0 ? `saved views: ${saved.map((v) => v.id).join(', ')}` : 'the config defines none'}`);
  return view ?? null;
}

const sameStatuses = (a: readonly Status[], b: readonly Status[]) => a.length === b.length && a.every((s) => b.includes(s));

/** The statuses in words: "problems", "down or degraded". */
function statusText(statuses: readonly Status[]): string {
  if (sameStatuses(statuses, PROBLEM_STATUSES)) return PROBLEMS;
  return STATUSES.filter((s) => statuses.includes(s)).join(' or ');
}

/** A page for filters the address gives: named and identified by what it filters on. */
function addressPage(teams: readonly TeamRef[], tags: readonly string[], statuses: readonly Status[]): ViewPage {
  const ids: string[] = [];
  const names: string[] = [];
  if (teams.length > 0) {
    ids.push(`team:${teams.map((t) => t.id).join(',')}`);
    names.push(teams.map((t) => t.name).join(', '));
  }
  if (tags.length > 0) {
    ids.push(`tag:${tags.join(',')}`);
    names.push(`tagged ${tags.join(', ')}`);
  }
  if (statuses.length > 0) {
    ids.push(`status:${sameStatuses(statuses, PROBLEM_STATUSES) ? PROBLEMS : STATUSES.filter((s) => statuses.includes(s)).join(',')}`);
    names.push(statusText(statuses));
  }
  const name = names.join(' · ');
  return {
    id: ids.join(' '),
    name: name.charAt(0).toUpperCase() + name.slice(1),
    filters: [filter({ teams: teams.map((t) => t.id), tags: [...tags], statuses: [...statuses] })],
  };
}

/** One page per team the services of `base` belong to, by name, and one for those with no team. */
function teamPages(services: readonly ServiceView[], base: readonly WallFilter[]): ViewPage[] {
  const inBase = services.filter((s) => base.every((f) => matchesFilter(f, s)));
  const pages = teamsOf(inBase).map((team) => ({ id: `team:${team.id}`, name: team.name, filters: [filter({ teams: [team.id] }), ...base] }));
  if (inBase.some((s) => !s.team)) pages.push({ id: NO_TEAM_PAGE, name: 'No team', filters: [...base] });
  return pages;
}

/**
 * What the address asks the wall to show, against the services on it and the saved views
 * (null while they are not known: a rotation through them, or `?view=`, waits for them).
 * Without `rotate`, one page of the filters given (and the saved view named); with it, a
 * page per team listed in `?team=`, else per saved view, else per team present — every
 * page also filtered by the rest of the address. Anything that names what does not exist
 * is left out with a notice, never an empty wall. Pure.
 */
export function resolveView(query: ViewQuery, services: readonly ServiceView[], saved: readonly SavedView[] | null): ResolvedView {
  const notices = [...query.problems];
  const teams = resolveTeams(query.teams, teamsOf(services), notices);
  const tags = resolveTags(query.tags, services, notices);
  const savedView = resolveSaved(query.view, saved, notices);
  const { statuses, rotateMs } = query;
  const fromAddress = (withTeams: boolean) => addressPage(withTeams ? teams : [], tags, statuses);
  if (rotateMs === null) {
    const page = fromAddress(true);
    if (savedView) return { pages: [{ id: savedView.id, name: savedView.name, filters: [savedView, ...page.filters] }], rotateMs: null, notices };
    return { pages: isEveryService(page.filters[0]!) ? [] : [page], rotateMs: null, notices };
  }
  const base = [...(savedView ? [savedView] : []), ...fromAddress(false).filters].filter((f) => !isEveryService(f));
  if (teams.length > 0) {
    return { pages: teams.map((team) => ({ id: `team:${team.id}`, name: team.name, filters: [filter({ teams: [team.id] }), ...base] })), rotateMs, notices };
  }
  if (!savedView && saved && saved.length > 0) {
    return { pages: saved.map((view) => ({ id: view.id, name: view.name, filters: [view, ...base] })), rotateMs, notices };
  }
  return { pages: teamPages(services, base), rotateMs, notices };
}

/** What one page puts on the wall. */
export interface PageSelection {
  /** The tiles: the page's services, and while rotating every problem of the board, pinned. */
  shown: ServiceView[];
  /** What the banner and the tab sum up: the page's services whatever their status, so a page of problems with none says all is well. */
  summarised: ServiceView[];
  /** Problems the page leaves out (none while rotating: they are pinned). */
  elsewhere: ServiceView[];
}

/**
 * The services a page shows, in the order given. While rotating, every problem of the
 * board is on every page: a problem is never hidden by whichever page is showing. Pure.
 */
export function selectPage(services: readonly ServiceView[], page: ViewPage | null, pinProblems: boolean): PageSelection {
  if (page === null) return { shown: [...services], summarised: [...services], elsewhere: [] };
  const on = (s: ServiceView) => page.filters.every((f) => matchesFilter(f, s));
  const inScope = (s: ServiceView) => page.filters.every((f) => matchesFilter({ ...f, statuses: [] }, s));
  const pinned = (s: ServiceView) => pinProblems && isProblem(s.status);
  return {
    shown: services.filter((s) => on(s) || pinned(s)),
    summarised: services.filter((s) => inScope(s) || pinned(s)),
    elsewhere: services.filter((s) => isProblem(s.status) && !on(s) && !pinned(s)),
  };
}
