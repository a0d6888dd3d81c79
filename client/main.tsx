import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createConnectionStore } from './api/connection';
import { connectLive } from './api/live';
import { connectLiveHistory } from './api/live-history';
import { connectLiveIncidents } from './api/live-incidents';
import { createQueryClient } from './api/query-client';
import { decodingSocket } from './api/decoding-socket';
import { createSocket } from './api/socket';
import './styles.css';

// Composition root: one query cache, one connection store, one socket feeding both.
const queryClient = createQueryClient();
const connection = createConnectionStore();
const socket = decodingSocket(createSocket());
connectLive({ socket, queryClient, connection });
connectLiveHistory({ socket, queryClient });
connectLiveIncidents({ socket, queryClient });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App connection={connection} />
    </QueryClientProvider>
  </StrictMode>,
);
