import type { ReactNode } from 'react';
import type { ConnectionStore } from './api/connection';
import { useConnectionAttribute } from './api/use-connection';
import { Board } from './board/Board';

/** What every page gets from the composition root. */
export interface PageDeps {
  /** Whether the data on screen is live; every page shows it on `<html data-connection>`. */
  connection: ConnectionStore;
}

interface Route {
  /** Matched against the whole path; capture groups become `params`. */
  pattern: RegExp;
  /** The page for a matching path. */
  render: (deps: PageDeps, params: string[]) => ReactNode;
}

// Add a page here: a pattern and what to render. Order matters; the first match wins.
const ROUTES: Route[] = [{ pattern: /^\/$/, render: (deps) => <Board connection={deps.connection} /> }];

export function App({ connection, path = window.location.pathname }: PageDeps & { path?: string }) {
  useConnectionAttribute(connection);
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const route of ROUTES) {
    const match = route.pattern.exec(normalised);
    if (match) return <>{route.render({ connection }, match.slice(1))}</>;
  }
  return <NotFound />;
}

function NotFound() {
  return (
    <main className="board board-message" data-board="not-found">
      <h1>Page not found</h1>
      <p>
        <a href="/" style={{ color: 'inherit' }}>
          Back to the board
        </a>
      </p>
    </main>
  );
}
