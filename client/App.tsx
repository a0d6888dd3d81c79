import { lazy, Suspense, type ReactNode } from 'react';
import { AccessLost } from './access/AccessLost';
import { createAccessStore, type AccessStore } from './access/access-state';
import type { ConnectionStore } from './api/connection';
import { useConnectionAttribute } from './api/use-connection';
import { Board } from './board/Board';
import { Kiosk } from './kiosk/Kiosk';
import { Link } from './Link';
import { usePathname } from './navigation';
import { NEVER_FAILS, type ServerReach } from './offline/server-reach';
import { WaitingForServer } from './offline/WaitingForServer';
import { BOARD_PATH, STANDUP_PATH } from './paths';
import { useFocusOnNavigation } from './use-focus-on-navigation';

// A wall screen never opens a service page: its code (and recharts after it) loads on the first visit.
const ServicePage = lazy(() => import('./service/ServicePage').then((m) => ({ default: m.ServicePage })));
const StandupPage = lazy(() => import('./standup/StandupPage').then((m) => ({ default: m.StandupPage })));
const AdminPage = lazy(() => import('./admin/AdminPage').then((m) => ({ default: m.AdminPage })));

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
const ROUTES: Route[] = [
  { pattern: /^\/$/, render: (deps) => <Board connection={deps.connection} /> },
  // Any id, so that a mistyped one gets "no service with id …" rather than "page not found".
  { pattern: /^\/services\/([^/]+)$/, render: (deps, [id]) => <ServicePage key={id} id={decodeSegment(id!)} connection={deps.connection} /> },
  { pattern: new RegExp(`^${STANDUP_PATH}$`), render: () => <StandupPage /> },
  { pattern: /^\/admin$/, render: () => <AdminPage /> },
];

interface AppProps extends PageDeps {
  /** Fixes the page shown (tests); without it the app follows the address bar. */
  path?: string;
  /** Whether the socket's attempts reach the server, for the "Waiting for the server…" screen. */
  reach?: ServerReach;
  /** Whether this screen may still watch, as the socket and the API tell it. */
  access?: AccessStore;
}

// For pages shown without a socket (tests, say): access is never lost.
const ALWAYS_OK = createAccessStore();

export function App({ connection, path, reach = NEVER_FAILS, access = ALWAYS_OK }: AppProps) {
  useConnectionAttribute(connection);
  const current = usePathname();
  useFocusOnNavigation(path ?? current);
  return (
    <>
      <Page connection={connection} path={path ?? current} />
      <WaitingForServer connection={connection} reach={reach} />
      <Kiosk connection={connection} />
      <AccessLost access={access} />
    </>
  );
}

function Page({ connection, path }: PageDeps & { path: string }) {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const route of ROUTES) {
    const match = route.pattern.exec(normalised);
    if (match) return <Suspense fallback={<Loading />}>{route.render({ connection }, match.slice(1))}</Suspense>;
  }
  return <NotFound />;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed %-escape: show it as typed
  }
}

function Loading() {
  return (
    <main className="board board-message" data-board="loading" aria-busy="true">
      <h1>Loading…</h1>
    </main>
  );
}

function NotFound() {
  return (
    <main className="board board-message" data-board="not-found">
      <h1>Page not found</h1>
      <p>
        <Link href={BOARD_PATH} style={{ color: 'inherit' }}>
          Back to the board
        </Link>
      </p>
    </main>
  );
}
