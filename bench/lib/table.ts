import { cpus, totalmem } from 'node:os';
import { formatGoal, formatValue, verdict, type Measure } from './measure';

/** The machine the numbers were taken on, for the table's heading. */
export function machineLine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  return `${cores.length} cores · ${model} · ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM · Node ${process.version} · ${new Date().toISOString().slice(0, 10)}`;
}

const HEAD = ['benchmark', 'measure', 'result', 'goal', 'pass/miss'];

function rows(measures: readonly Measure[]): string[][] {
  return measures.map((m) => [m.benchmark, m.measure, formatValue(m.value, m.unit), formatGoal(m), verdict(m)]);
}

/** A plain table aligned for a terminal. */
export function textTable(measures: readonly Measure[]): string {
  const all = [HEAD, ...rows(measures)];
  const widths = HEAD.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...rows(measures).map(line)].join('\n');
}

/** The same table in markdown, to paste into RESULTS.md. */
export function markdownTable(measures: readonly Measure[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [`| ${HEAD.join(' | ')} |`, '|---|---|--:|--:|---|', ...rows(measures).map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n');
}
