import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAccessStore } from './access/access-state';
import { watchQueryAccess, watchSocketAccess } from './access/watch-access';
import { createConnectionStore } from './api/connection';
import { connectLive } from './api/live';
import { connectLiveHistory } from './api/live-history';
import { connectLiveIncidents } from './api/live-incidents';
import { connectDesktopNotifications } from './notify/desktop-notifications';
import { createQueryClient } from './api/query-client';
import { decodingSocket } from './api/decoding-socket';
import { createSocket } from './api/socket';
import { watchServerReach } from './offline/server-reach';
import { startOffline } from './offline/start-offline';
import { startTheme } from './theme/theme';
import './styles.css';

// The theme first, so the first paint is in it.
startTheme();

// Composition root: one query cache, one connection store, one socket feeding both.
const queryClient = createQueryClient();
const connection = createConnectionStore();
const rawSocket = createSocket();
const reach = watchServerReach(rawSocket);
const socket = decodingSocket(rawSocket);
connectLive({ socket, queryClient, connection });
connectLiveHistory({ socket, queryClient });
connectLiveIncidents({ socket, queryClient });
connectDesktopNotifications({ queryClient });
// A screen told its access is gone says so over everything (client/access).
const access = createAccessStore();
watchSocketAccess(rawSocket, access);
watchQueryAccess(queryClient, access);
// A screen that starts while the server is away opens the cached page and waits (client/sw.ts).
if (import.meta.env.PROD) startOffline({ queryClient, connection });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App connection={connection} reach={reach} access={access} />
    </QueryClientProvider>
  </StrictMode>,
);
