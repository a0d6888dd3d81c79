import { QueryClient, QueryClientContext, useQuery } from '@tanstack/react-query';
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ServiceView } from '../../shared/api';
import { viewsQuery } from '../api/views';
import { qrPath, serviceUrl, type QrMatrix } from './tile-qr';
import { useQrRoom } from './use-qr-room';

type QrFactory = (text: string) => QrMatrix;

// Loaded with the first problem tile: a wall where all is well never needs it.
let loading: Promise<QrFactory> | null = null;
function loadQr(): Promise<QrFactory> {
  loading ??= import('qrcode-generator').then(({ default: qrcode }) => (text: string) => {
    // Automatic size; the lowest error correction gives the largest modules, which a phone reads from further away.
    const code = qrcode(0, 'L');
    code.addData(text);
    code.make();
    return code;
  });
  return loading;
}

function useQrFactory(): QrFactory | null {
  const [factory, setFactory] = useState<QrFactory | null>(null);
  useEffect(() => {
    let live = true;
    void loadQr().then((loaded) => live && setFactory(() => loaded));
    return () => {
      live = false;
    };
  }, []);
  return factory;
}

// A tile drawn on its own (a test, a preview) has no cache to ask: it links from this page's origin.
const STANDALONE = new QueryClient();

/** `paging.boardUrl`, from the cache of the board the tile is on; null when not set or not known yet. */
function useBoardUrl(): string | null {
  const client = useContext(QueryClientContext);
  const { data } = useQuery({ ...viewsQuery(), enabled: client !== undefined }, client ?? STANDALONE);
  return data?.boardUrl ?? null;
}

/**
 * A QR code on a problem tile: a phone pointed at the wall opens the service's page (and,
 * while its incident waits for someone, acknowledges it there). Its address is the board's
 * public one (`paging.boardUrl`) when the server gives it, since the wall's own may be a
 * name only the TV knows. Left out (`hidden`) of a tile with no room for it.
 */
export function TileQr({ service }: { service: ServiceView }) {
  const url = serviceUrl(service.id, useBoardUrl() ?? window.location.origin);
  const factory = useQrFactory();
  const path = useMemo(() => factory && qrPath(factory(url)), [factory, url]);
  const ackable = service.incident?.status === 'open';
  const figure = useRef<HTMLElement>(null);
  useQrRoom(figure);
  return (
    <figure ref={figure} className="tile-qr" data-qr={url}>
      {path && (
        <svg className="tile-qr-code" viewBox={`0 0 ${path.size} ${path.size}`} shapeRendering="crispEdges" role="img" aria-label={`QR code for ${url}`}>
          <rect width={path.size} height={path.size} fill="#ffffff" />
          <path d={path.d} fill="#000000" />
        </svg>
      )}
      {ackable && <figcaption className="tile-qr-caption">Scan to open</figcaption>}
    </figure>
  );
}
