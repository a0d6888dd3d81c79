/** One line of the Prometheus text format: a series and its value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A scrape, read: its samples and each metric family's declared type. */
export interface Exposition {
  samples: Sample[];
  /** Family name → `counter`, `gauge`, `histogram`, `summary` or `untyped`. */
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/gy;

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (LABEL.lastIndex < text.length && (match = LABEL.exec(text))) labels[match[1]!] = unescapeLabel(match[2]!);
  if (LABEL.lastIndex !== text.length) throw new Error(`unreadable labels in: ${line}`);
  return labels;
}

/** Reads the text exposition format (0.0.4), as Prometheus would; throws on a line it cannot read. */
export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`unreadable sample: ${line}`);
    const value = match[3] === '+Inf' ? Infinity : match[3] === '-Inf' ? -Infinity : Number(match[3]);
    samples.push({ name: match[1]!, labels: match[2] ? parseLabels(match[2], line) : {}, value });
  }
  return { samples, types };
}

/** The sum of the samples of `name` whose labels include `labels` (0 when there is none). */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

/** Every series name a query could use: each family's name, with `_bucket`, `_sum` and `_count` for histograms and summaries. */
export function queryableNames(exposition: Exposition): Set<string> {
  const names = new Set(exposition.samples.map((s) => s.name));
  for (const [family, type] of exposition.types) {
    if (type === 'histogram') [`${family}_bucket`, `${family}_sum`, `${family}_count`].forEach((n) => names.add(n));
    else if (type === 'summary') [family, `${family}_sum`, `${family}_count`].forEach((n) => names.add(n));
    else names.add(family);
  }
  return names;
}

/** Scrapes `/metrics` of a board, with a bearer token when given. */
export async function scrape(url: string, token?: string): Promise<Exposition> {
  const response = await fetch(`${url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return parseExposition(await response.text());
}
