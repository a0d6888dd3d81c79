import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ServiceView } from '../../shared/api';
import type { ConnectionStore } from '../api/connection';
import { DEFAULT_HISTORY_WINDOW, historyQuery, type HistoryWindow } from '../api/history';
import { useNow } from '../board/use-now';
import { ChecksList } from './ChecksList';
import { HistorySection } from './HistorySection';
import { IncidentSection } from './IncidentSection';
import { ServiceHeader } from './ServiceHeader';
import { StaleBar } from './StaleBar';
import { UptimeSection } from './UptimeSection';
import { useHistoryRefresh } from './use-history-refresh';

export interface ServiceDetailProps {
  /** The service as the server last described it. */
  service: ServiceView;
  /** Every service, to name and colour its dependencies. */
  services: readonly ServiceView[];
  /** When the page last heard from the server, for the stale warning. */
  connection: ConnectionStore;
  /** False while the connection is lost: everything shown is the last known state. */
  live: boolean;
}

/** The page of a service that exists: header, its incident, checks, uptime, then history. */
export function ServiceDetail({ service, services, connection, live }: ServiceDetailProps) {
  const now = useNow();
  const [historyWindow, setHistoryWindow] = useState<HistoryWindow>(DEFAULT_HISTORY_WINDOW);
  // The previous window's data stays on screen while a newly chosen one loads.
  const history = useQuery({ ...historyQuery(service.id, historyWindow), placeholderData: keepPreviousData });
  useHistoryRefresh(service);
  return (
    <main className="service-page" data-service-page="ready" data-stale={live ? undefined : ''}>
      {!live && <StaleBar connection={connection} />}
      <div className="service-content">
        <ServiceHeader service={service} services={services} now={now} />
        <IncidentSection service={service} services={services} now={now} />
        <ChecksList checks={service.checks} latest={history.data?.latest} now={now} />
        <UptimeSection service={service} now={now} />
        <HistorySection service={service} historyWindow={historyWindow} onHistoryWindow={setHistoryWindow} history={history} now={now} />
      </div>
    </main>
  );
}
