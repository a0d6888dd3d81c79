import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An application's `/metrics` on 127.0.0.1 whose values a test sets while Prometheus scrapes it. */
export interface MetricsTarget {
  /** `127.0.0.1:PORT`, as a Prometheus `static_configs` target. */
  address: string;
  /** How many times `/metrics` was read. */
  scrapes: number;
  /** Sets one series, written as in the exposition format: `app_up{app="checkout"}`. */
  set(series: string, value: number): void;
  close(): Promise<void>;
}

const nameOf = (series: string) => series.split('{')[0]!;

/** The Prometheus text exposition format (0.0.4): each metric's TYPE line, then its series. */
function exposition(values: ReadonlyMap<string, number>): string {
  const byName = new Map<string, string[]>();
  for (const [series, value] of values) {
    const lines = byName.get(nameOf(series)) ?? [];
    lines.push(`${series} ${value}`);
    byName.set(nameOf(series), lines);
  }
  return [...byName].map(([name, lines]) => `# TYPE ${name} gauge\n${lines.join('\n')}\n`).join('');
}

/** Serves `initial` (series → value) at `/metrics` until the test changes it. */
export async function startMetricsTarget(initial: Record<string, number>): Promise<MetricsTarget> {
  const values = new Map(Object.entries(initial));
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    target.scrapes += 1;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(exposition(values));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target: MetricsTarget = {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    scrapes: 0,
    set: (series, value) => void values.set(series, value),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return target;
}
