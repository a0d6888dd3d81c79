import type { ServiceView } from '../../shared/api';
import { isProblem, worstStatus, type Status } from '../../shared/status';
import type { ConnectionState } from '../api/connection';

export const APP_NAME = 'Greenboard';

/** What the banner across the top says, and the status it is coloured by. */
export interface BannerContent {
  /** The value of `data-banner`: the worst status the banner reports. */
  status: Status;
  /** The sentence itself. */
  text: string;
}

// The order in which problems are listed: worst first.
const PROBLEM_ORDER = ['down', 'degraded', 'unknown'] as const;

export function problemCount(services: readonly ServiceView[]): number {
  return services.filter((s) => isProblem(s.status)).length;
}

/** "All systems operational", "2 services down", "1 service down · 1 degraded". */
export function bannerText(services: readonly ServiceView[]): string {
  if (services.length === 0) return 'No services configured';
  const parts: string[] = [];
  for (const status of PROBLEM_ORDER) {
    const n = services.filter((s) => s.status === status).length;
    if (n === 0) continue;
    parts.push(parts.length === 0 ? `${n} ${n === 1 ? 'service' : 'services'} ${status}` : `${n} ${status}`);
  }
  return parts.length === 0 ? 'All systems operational' : parts.join(' · ');
}

/**
 * The banner for a list of services. When the board is not live it never reports
 * good news: at best the status is unknown, at worst the last known problems.
 */
export function banner(services: readonly ServiceView[], live: boolean): BannerContent {
  const worst = services.length === 0 ? 'unknown' : worstStatus(services.map((s) => s.status));
  if (live) return { status: worst, text: bannerText(services) };
  if (!isProblem(worst) || services.length === 0) return { status: 'unknown', text: 'Status unknown — not live' };
  return { status: worst, text: `Last known: ${bannerText(services)}` };
}

/**
 * "(2) Greenboard" with two problems, "(stale) Greenboard" when the connection is lost;
 * "(1) Payments · Greenboard" on a view of the wall, so each tab says what it watches.
 */
export function pageTitle(services: readonly ServiceView[] | undefined, state: ConnectionState, view?: string): string {
  const name = view ? `${view} · ${APP_NAME}` : APP_NAME;
  if (state === 'stale') return `(stale) ${name}`;
  if (state === 'connecting' || services === undefined) return name;
  const n = problemCount(services);
  return n > 0 ? `(${n}) ${name}` : name;
}
