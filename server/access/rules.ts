import { match } from 'path-to-regexp';
import type { Need } from './gate';

/**
 * What every path needs, in one table, so that access is read in one place and a test
 * can hold every route to it (test/server/access/access-table.test.ts fails when a
 * route has no rule here). `need` is for reading (GET, HEAD); `change` for any other
 * method, when it differs. A path with no rule needs `read`, never nothing.
 */
export interface AccessRule {
  path: string;
  need: Need;
  change?: Need;
  /** Why a path is open: each has its own lock, or none is needed. */
  why?: string;
}

export const ACCESS_RULES: readonly AccessRule[] = [
  { path: '/healthz', need: 'open', why: 'load balancers and orchestrators ask it' },
  { path: '/readyz', need: 'open', why: 'load balancers and orchestrators ask it' },
  { path: '/metrics', need: 'open', why: 'its own token (metrics.token)' },
  { path: '/api/push/:token', need: 'open', why: "the push source's own token" },
  { path: '/api/sources/:id/webhook', need: 'open', why: "the webhook source's own token" },
  { path: '/ack/:token', need: 'open', why: 'the link is signed for one person and one incident' },
  { path: '/api/session', need: 'open', why: 'signing in and out, and asking who one is' },
  { path: '/signin', need: 'open', why: 'the sign-in page' },
  { path: '/signout', need: 'open', why: 'signing out' },
  { path: '/assets/*file', need: 'open', why: "the board's code holds no data and no secret" },
  { path: '/sw.js', need: 'open', why: "the board's service worker holds no data" },
  { path: '/demo{/*rest}', need: 'open', why: 'the demo endpoints, mounted only with the example config' },
  // The board's pages: what a screen shows.
  { path: '/', need: 'read' },
  { path: '/services/:id', need: 'read' },
  { path: '/standup', need: 'read' },
  { path: '/admin', need: 'read', why: 'the page is read; what it does takes admin' },
  // The API's reading.
  { path: '/api/services', need: 'read' },
  { path: '/api/services/:id', need: 'read' },
  { path: '/api/services/:id/history', need: 'read' },
  { path: '/api/services/:id/uptime', need: 'read' },
  { path: '/api/oncall', need: 'read' },
  { path: '/api/oncall/load', need: 'read' },
  { path: '/api/uptime', need: 'read' },
  { path: '/api/transitions', need: 'read' },
  { path: '/api/views', need: 'read' },
  { path: '/api/sources', need: 'read' },
  { path: '/api/alerts/unmapped', need: 'read' },
  { path: '/api/artifacts/:id', need: 'read' },
  { path: '/api/incidents', need: 'read' },
  { path: '/api/incidents/:id', need: 'read' },
  { path: '/api/cluster', need: 'read' },
  // Acting on what is wrong.
  { path: '/api/incidents/:id/ack', need: 'respond' },
  { path: '/api/maintenance', need: 'read', change: 'respond' },
  { path: '/api/maintenance/:id', need: 'read', change: 'respond' },
  // Tokens for screens and scripts.
  { path: '/api/admin/tokens', need: 'admin' },
  { path: '/api/admin/tokens/:id', need: 'admin' },
];

const READS = new Set(['GET', 'HEAD']);

const matchers = ACCESS_RULES.map((rule) => ({ rule, test: match(rule.path, { trailing: true }) }));

/** The rule for a path, or undefined when none names it. */
export const ruleFor = (path: string): AccessRule | undefined => matchers.find((m) => safeTest(m.test, path))?.rule;

/** What a request needs: its rule's, by method; `read` when no rule names the path. */
export function needFor(method: string, path: string): Need {
  const rule = ruleFor(path);
  if (!rule) return 'read';
  return READS.has(method.toUpperCase()) ? rule.need : (rule.change ?? rule.need);
}

function safeTest(test: ReturnType<typeof match>, path: string): boolean {
  try {
    return test(path) !== false;
  } catch {
    return false; // a malformed %-escape is no path of ours
  }
}
