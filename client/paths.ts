/** Where the board lives. */
export const BOARD_PATH = '/';

/** The stand-up: uptime and incidents over a period, the view chosen in its query (`?period=7d&team=…`). */
export const STANDUP_PATH = '/standup';

/** The page of one service: `/services/{id}`. */
export function servicePath(id: string): string {
  return `/services/${encodeURIComponent(id)}`;
}

/** The page of the artifact (a screenshot, say) with this id, as the API serves it. */
export function artifactPath(id: string): string {
  return `/api/artifacts/${encodeURIComponent(id)}`;
}
