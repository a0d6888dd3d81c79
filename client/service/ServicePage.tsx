import { useQuery } from '@tanstack/react-query';
import type { ConnectionStore } from '../api/connection';
import { servicesQuery } from '../api/services';
import { useConnectionState } from '../api/use-connection';
import { Link } from '../Link';
import { BOARD_PATH } from '../paths';
import { ServiceDetail } from './ServiceDetail';
import { useServiceChrome } from './use-service-chrome';
import './service.css';

export interface ServicePageProps {
  /** The service's id, from the path `/services/{id}`. */
  id: string;
  /** Whether what is shown is live. */
  connection: ConnectionStore;
}

/**
 * Why a service is the colour it is. Its current state comes from the same cache the
 * socket keeps current for the board, so the page follows it without reloading.
 */
export function ServicePage({ id, connection }: ServicePageProps) {
  const { data, isError, error } = useQuery(servicesQuery());
  const state = useConnectionState(connection);
  const service = data ? (data.services.find((s) => s.id === id) ?? null) : undefined;
  useServiceChrome(service, state);
  // As on the board: until the first snapshot nothing on screen may look like good news.
  if (state === 'connecting' || (!data && !isError)) {
    return <PageMessage kind="loading" title="Connecting…" detail="Waiting for the first update from the server" />;
  }
  if (!data || service === undefined) {
    return <PageMessage kind="error" title="Cannot reach the server" detail={error?.message ?? ''} />;
  }
  if (service === null) {
    return <PageMessage kind="not-found" title={`No service with id “${id}”`} detail="It may have been renamed or removed from the config." />;
  }
  return <ServiceDetail service={service} services={data.services} connection={connection} live={state === 'live'} />;
}

interface PageMessageProps {
  kind: 'loading' | 'error' | 'not-found';
  title: string;
  detail: string;
}

function PageMessage({ kind, title, detail }: PageMessageProps) {
  return (
    <main className="service-message" data-service-page={kind} aria-busy={kind === 'loading'}>
      <h1>{title}</h1>
      {detail && <p>{detail}</p>}
      {kind !== 'loading' && (
        <p>
          <Link href={BOARD_PATH}>Back to the board</Link>
        </p>
      )}
    </main>
  );
}
