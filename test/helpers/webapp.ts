import express from 'express';
import type { AddressInfo } from 'node:net';
import { demoApp, type DemoFault } from '../../server/http/demo-app';

export interface DemoShop {
  /** Base URL ending in "/": sign-in page at `${url}`, then `${url}login`, `${url}search`, … */
  url: string;
  faults: Set<DemoFault>;
  close(): Promise<void>;
}

/** The demo shop (log in, search, upload, log out) on its own loopback port. */
export async function startDemoShop(): Promise<DemoShop> {
  const faults = new Set<DemoFault>();
  const app = express();
  app.use('/shop', demoApp({ faults }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/shop/`,
    faults,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
