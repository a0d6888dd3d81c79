// Reading a Prometheus histogram of the server's between two scrapes: its mean, and a
// quantile to the resolution of its buckets. Pure: takes the scraped series.
type Series = ReadonlyMap<string, number>;

/** The sum of the series `name{…}` whose labels include `label` (`operation="writeResult"`), or all of them. */
function total(series: Series, name: string, label = ''): number {
  let sum = 0;
  for (const [key, value] of series) if ((key === name || key.startsWith(`${name}{`)) && key.includes(label)) sum += value;
  return sum;
}

/** Mean of the observations made between the scrapes `before` and `after`, in the histogram's unit; NaN for none. */
export function histogramMean(before: Series, after: Series, name: string, label = ''): number {
  const count = total(after, `${name}_count`, label) - total(before, `${name}_count`, label);
  return count > 0 ? (total(after, `${name}_sum`, label) - total(before, `${name}_sum`, label)) / count : NaN;
}

/**
 * The upper bound of the bucket holding the q-quantile (0–1) of the observations made
 * between the scrapes; Infinity when it lies past the last bound, NaN for none.
 */
export function histogramQuantile(before: Series, after: Series, name: string, q: number, label = ''): number {
  const byBound = new Map<number, number>();
  for (const [key, value] of after) {
    if (!key.startsWith(`${name}_bucket{`) || !key.includes(label)) continue;
    const le = /le="([^"]+)"/.exec(key)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    byBound.set(bound, (byBound.get(bound) ?? 0) + value - (before.get(key) ?? 0));
  }
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  const count = byBound.get(Infinity) ?? 0;
  if (count <= 0) return NaN;
  return bounds.find((bound) => byBound.get(bound)! >= q * count) ?? Infinity;
}
