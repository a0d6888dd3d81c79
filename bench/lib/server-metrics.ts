/**
 * The server's own `GET /metrics` (Prometheus text format), read into a map of series to
 * value: a metric without labels by its name (`nodejs_heap_size_used_bytes`), one with
 * labels by its name and labels as written (`greenboard_check_runs_total{type="http",outcome="ok"}`).
 */
export async function scrapeMetrics(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`);
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const series = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    series.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return series;
}

/** The sum of every series of a metric, whatever its labels; NaN when it has none. */
export function metricTotal(series: ReadonlyMap<string, number>, name: string): number {
  let total = NaN;
  for (const [key, value] of series) if (key === name || key.startsWith(`${name}{`)) total = (Number.isNaN(total) ? 0 : total) + value;
  return total;
}
