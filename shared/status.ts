/** Every status a check, a source or a service can have. */
export const STATUSES = ['up', 'degraded', 'down', 'unknown', 'maintenance'] as const;
export type Status = (typeof STATUSES)[number];

// Higher is worse. Unknown ranks above up and maintenance because a board that
// has lost sight of something must never look healthier than one that knows.
const SEVERITY: Record<Status, number> = {
  up: 0,
  maintenance: 1,
  unknown: 2,
  degraded: 3,
  down: 4,
};

export function severity(status: Status): number {
  return SEVERITY[status];
}

/** The worst of several statuses; nothing known at all is `unknown`. */
export function worstStatus(statuses: Iterable<Status>): Status {
  let worst: Status | null = null;
  for (const s of statuses) {
    if (worst === null || SEVERITY[s] > SEVERITY[worst]) worst = s;
  }
  return worst ?? 'unknown';
}

/** Statuses that need a human's attention and count towards the banner and tab title. */
export function isProblem(status: Status): boolean {
  return status === 'down' || status === 'degraded' || status === 'unknown';
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}
