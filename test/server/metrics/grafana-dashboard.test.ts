import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../helpers/board';
import type { Daemon } from '../../helpers/daemon';
import { binariesRequirement } from '../../helpers/daemon';
import { PROMETHEUS_PATH, startPrometheus } from '../../helpers/prometheus';
import { waitFor } from '../../helpers/wait';
import { queryableNames, scrape } from './exposition';

interface Target {
  expr: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
}
interface Variable {
  name: string;
  type: string;
  query: unknown;
  datasource?: { type: string; uid: string };
}
interface Dashboard {
  schemaVersion: number;
  __inputs: Array<{ name: string; type: string; pluginId: string }>;
  panels: Panel[];
  templating: { list: Variable[] };
}

const dashboard = JSON.parse(readFileSync(new URL('../../../docs/grafana/greenboard-dashboard.json', import.meta.url), 'utf8')) as Dashboard;
const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
const expressions = graphs.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));
/** The Grafana variable queries, `label_values(metric, label)`, as the metric each reads. */
const variableMetrics = dashboard.templating.list
  .filter((variable) => variable.type === 'query')
  .map((variable) => /label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,/.exec(JSON.stringify(variable.query))?.[1]);

// Words of PromQL that are neither functions (always followed by "(") nor metrics.
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset']);

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers,
 * ranges, label lists and offsets are taken out, and function calls and keywords skipped.
 */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\boffset\s+\S+/g, ' ');
  return [...stripped.matchAll(/(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*/g)]
    .filter((match) => !/^\s*\(/.test(stripped.slice(match.index + match[0].length)))
    .map((match) => match[0])
    .filter((name) => !KEYWORDS.has(name));
}

/** An expression as Grafana sends it: its variables given values that Prometheus can evaluate. */
const asSent = (expr: string) => expr.replaceAll('$__rate_interval', '15s').replaceAll('$instance', '.*');

describe('reading metric names out of PromQL', () => {
  it.each([
    ['sum by (outcome) (rate(greenboard_check_runs_total{instance=~"$instance"}[$__rate_interval]))', ['greenboard_check_runs_total']],
    ['histogram_quantile(0.95, sum by (type, le) (rate(a_bucket{x="y"}[5m])))', ['a_bucket']],
    ['a / on (job) group_left (version) b offset 5m', ['a', 'b']],
    ['rate(process_cpu_seconds_total[1m]) > bool 0.5', ['process_cpu_seconds_total']],
  ])('%s reads %j', (expr, names) => {
    expect(metricNames(expr)).toEqual(names);
  });
});

describe('the Grafana dashboard (docs/grafana/greenboard-dashboard.json)', () => {
  let board: RunningBoard;
  let exposed: Set<string>;

  beforeAll(async () => {
    board = await startBoard('services:\n  - { id: checkout, name: Checkout API }\n');
    exposed = queryableNames(await scrape(board.url));
  });

  afterAll(async () => {
    await board.close();
  });

  it('is a dashboard of a current Grafana, asking for its Prometheus on import and as a variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.__inputs).toContainEqual(expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }));
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    for (const panel of graphs) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(target.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
  });

  it('has panels of unique ids that fit the grid and never overlap', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Map<string, string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++)
        for (let column = x; column < x + w; column++) {
          expect(cells.get(`${row},${column}`), `${panel.title} overlaps`).toBeUndefined();
          cells.set(`${row},${column}`, panel.title);
        }
    }
  });

  it('queries only metrics that /metrics exposes', () => {
    const read = [...expressions.flatMap(({ expr }) => metricNames(expr)), ...variableMetrics];
    expect(read.length).toBeGreaterThan(expressions.length - 1);
    expect([...new Set(read)].filter((name) => !name || !exposed.has(name))).toEqual([]);
  });

  it("shows every one of Greenboard's own metrics somewhere", () => {
    const read = new Set(expressions.flatMap(({ expr }) => metricNames(expr)).map((name) => name.replace(/_(bucket|sum|count)$/, '')));
    const own = [...exposed].filter((name) => name.startsWith('greenboard_') && !/_(bucket|sum|count)$/.test(name));
    expect(own.filter((name) => !read.has(name))).toEqual([]);
  });

  describe(
    'in a real Prometheus scraping a board',
    { skip: binariesRequirement('Prometheus', [PROMETHEUS_PATH], 'apt-get install -y prometheus').skip },
    () => {
      let prometheus: Daemon;

      beforeAll(async () => {
        prometheus = await startPrometheus({ scrape: [{ job: 'greenboard', target: new URL(board.url).host }] });
      });

      afterAll(async () => {
        await prometheus.stop();
      });

      const query = async (expr: string) => {
        const response = await fetch(`${prometheus.url}/api/v1/query?${new URLSearchParams({ query: asSent(expr) })}`);
        return (await response.json()) as { status: string; error?: string; data?: { result: unknown[] } };
      };

      it('evaluates every expression of the dashboard without an error, and draws the board', async () => {
        // Two scrapes at least, so that rates have something to work out.
        const scrapes = async () =>
          Number((((await query('count_over_time(greenboard_boards_open[15s])')).data?.result ?? []) as Array<{ value: [number, string] }>)[0]?.value[1] ?? 0);
        await waitFor(async () => (await scrapes()) >= 2, 'two scrapes');
        for (const { panel, expr } of expressions) {
          const answer = await query(expr);
          expect({ panel, expr, status: answer.status, error: answer.error }).toEqual({ panel, expr, status: 'success', error: undefined });
        }
        const statuses = await query(expressions.find(({ panel }) => panel === 'Services by status')!.expr);
        expect(statuses.data?.result).toHaveLength(5);
        const writes = await query(expressions.find(({ panel }) => panel === 'Store write errors')!.expr);
        expect(writes.data?.result.length).toBeGreaterThan(0);
      });
    },
  );
});
