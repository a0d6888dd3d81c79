import {
  CartesianGrid,
  ComposedChart,
  Line,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
  type TooltipContentProps,
  type TooltipValueType,
} from 'recharts';
import type { ResultOutcome } from '../../shared/api';
import { formatClock } from '../board/clock';
import { timeTicks, type ChartPoint } from './chart-data';
import { formatLatency } from './format';
import { OUTCOME_WORD } from './outcome';
import { sliceRunsText, sliceTimesText, type SliceRow } from './series-chart';
import { usePaint } from '../theme/use-paint';

/** What a chart draws: runs one by one (from raw results), or slices of runs with their percentiles. */
export type ChartData = { kind: 'runs'; points: readonly ChartPoint[] } | { kind: 'slices'; rows: readonly SliceRow[] };

export interface ResponseTimeChartProps {
  /** The points or slices to draw, oldest first. */
  data: ChartData;
  /** Start of the x axis, epoch ms: gaps in the results show as gaps. */
  from: number;
  /** End of the x axis, epoch ms. */
  to: number;
  /** What the chart shows, for screen readers. */
  label: string;
}

/** A colour of the chart, by its custom property in styles.css, which has it in both themes. */
type Colour = `--${string}`;

/** How each outcome that is not ok is marked: the shape and colour its status has on the board. */
const MARKS: Array<{ outcome: ResultOutcome; shape: 'square' | 'triangle' | 'diamond' | 'cross'; colour: Colour }> = [
  { outcome: 'failed', shape: 'square', colour: '--line-bad' },
  { outcome: 'degraded', shape: 'triangle', colour: '--line-warn' },
  { outcome: 'unknown', shape: 'diamond', colour: '--chart-axis' },
  { outcome: 'maintenance', shape: 'cross', colour: '--line-info' },
];

/** A line of the chart; one with a legend is named under it (with several lines, colour alone would not say which). */
interface LineSpec {
  dataKey: 'latencyMs' | 'p50Ms' | 'p95Ms';
  name: string;
  colour: Colour;
  dash?: string;
  legend?: string;
}

const RUNS_LINE: LineSpec = { dataKey: 'latencyMs', name: 'Response time', colour: '--chart-median' };
const SLICE_LINES: LineSpec[] = [
  { dataKey: 'p50Ms', name: 'Median', colour: '--chart-median', legend: 'median' },
  { dataKey: 'p95Ms', name: '95th percentile', colour: '--chart-p95', dash: '5 3', legend: '95th percentile' },
];

/** A point or slice, with its mark in the column of its outcome. */
type Row = (ChartPoint | SliceRow) & { [outcome in ResultOutcome]?: number };

/**
 * The rows to draw with their marks as columns (null where there is none), so the
 * tooltip's position maps to the same row in every series. A run is marked at its
 * response time, a slice on its 95th percentile; none at all puts the mark on the x axis.
 */
function layers(data: ChartData): { rows: Row[]; lines: LineSpec[]; outcomes: Set<ResultOutcome> } {
  const outcomes = new Set<ResultOutcome>();
  if (data.kind === 'runs') {
    const rows = data.points.map((p) => {
      if (p.outcome === 'ok') return p;
      outcomes.add(p.outcome);
      return { ...p, [p.outcome]: p.latencyMs ?? 0 };
    });
    return { rows, lines: [RUNS_LINE], outcomes };
  }
  const rows = data.rows.map((row) => {
    if (row.kind === 'gap' || row.outcome === 'ok') return row;
    outcomes.add(row.outcome);
    return { ...row, [row.outcome]: row.p95Ms ?? 0 };
  });
  return { rows, lines: SLICE_LINES, outcomes };
}

/**
 * Response time over the window: one line from raw runs, or the median and 95th
 * percentile of each slice, broken where nothing was measured. Runs or slices that were
 * not ok are marked; one that got no response time (refused, timed out) on the x axis. Loaded lazily.
 */
export default function ResponseTimeChart({ data, from, to, label }: ResponseTimeChartProps) {
  const { rows, lines, outcomes } = layers(data);
  const present = MARKS.filter((mark) => outcomes.has(mark.outcome));
  const legend = lines.filter((line) => line.legend !== undefined);
  const { ticks, stepMs } = timeTicks(from, to);
  const paint = usePaint();
  const axis = paint('--chart-axis');
  return (
    <div className="chart-box">
      <ComposedChart responsive data={rows} style={{ width: '100%', height: '14em' }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} aria-label={label}>
        <CartesianGrid stroke={paint('--chart-grid')} vertical={false} />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={[from, to]}
          ticks={ticks}
          tickFormatter={tickFormat(stepMs)}
          stroke={axis}
          tick={{ fill: axis }}
        />
        <YAxis tickFormatter={(ms: number) => formatLatency(ms)} stroke={axis} tick={{ fill: axis }} width="auto" allowDecimals={false} />
        {/* Nulls kept: a hole has no value in any series, yet pointing at it should say what it is. */}
        <Tooltip content={RowTooltip} isAnimationActive={false} filterNull={false} />
        {lines.map((line) => (
          <Line
            key={line.dataKey}
            dataKey={line.dataKey}
            type="linear"
            stroke={paint(line.colour)}
            strokeDasharray={line.dash}
            strokeWidth={1.5}
            dot={data.kind === 'slices' ? loneDot(paint(line.colour)) : false}
            connectNulls={false}
            isAnimationActive={false}
            name={line.name}
          />
        ))}
        {present.map((mark) => (
          <Scatter
            key={mark.outcome}
            dataKey={mark.outcome}
            shape={mark.shape}
            fill={paint(mark.colour)}
            isAnimationActive={false}
            name={OUTCOME_WORD[mark.outcome]}
          />
        ))}
      </ComposedChart>
      {legend.length + present.length > 0 && (
        <p className="chart-legend">
          {legend.map((line) => (
            <span key={line.dataKey} data-line={line.dataKey}>
              <svg className="line-swatch" viewBox="0 0 18 6" aria-hidden="true">
                <line x1="0" y1="3" x2="18" y2="3" stroke={paint(line.colour)} strokeWidth="2" strokeDasharray={line.dash} />
              </svg>
              {` ${line.legend}`}
            </span>
          ))}
          {present.map((mark) => (
            <span key={mark.outcome} data-mark={mark.outcome}>
              <span style={{ color: paint(mark.colour) }} aria-hidden="true">
                {SHAPE_CHAR[mark.shape]}
              </span>
              {` ${OUTCOME_WORD[mark.outcome].toLowerCase()}`}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

const SHAPE_CHAR = { square: '■', triangle: '▲', diamond: '◆', cross: '✚' } as const;

/** A slice with no neighbour to join has no line to be part of: it is drawn as a dot instead. */
function loneDot(colour: string) {
  return function LoneDot({ cx, cy, payload }: DotItemDotProps) {
    const row = payload as SliceRow;
    if (row.kind !== 'slice' || !row.lone || cx === undefined || cy === undefined) return null;
    return <circle cx={cx} cy={cy} r={2.5} fill={colour} data-lone-dot="" />;
  };
}

/** As precise as the ticks are apart: seconds, minutes, or the day. */
function tickFormat(stepMs: number): (at: number) => string {
  const options: Intl.DateTimeFormatOptions =
    stepMs < 60_000
      ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
      : stepMs < 86_400_000
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : { weekday: 'short', day: 'numeric' };
  const format = new Intl.DateTimeFormat(undefined, options);
  return (at) => format.format(at);
}

const TOOLTIP_TIME = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

const spanText = (from: number, to: number) => `${TOOLTIP_TIME.format(from)} – ${formatClock(to)}`;

function RowTooltip({ active, payload }: TooltipContentProps<TooltipValueType, string | number>) {
  const row = payload?.[0]?.payload as ChartPoint | SliceRow | undefined;
  if (!active || !row) return null;
  if (!('kind' in row)) return <RunTooltip point={row} />;
  return (
    <div className="chart-tooltip">
      <p>{spanText(row.from, row.to)}</p>
      {row.kind === 'gap' ? (
        <p>Nothing measured</p>
      ) : (
        <>
          <p>{sliceRunsText(row)}</p>
          <p>{sliceTimesText(row)}</p>
        </>
      )}
    </div>
  );
}

function RunTooltip({ point }: { point: ChartPoint }) {
  return (
    <div className="chart-tooltip">
      <p>{TOOLTIP_TIME.format(point.at)}</p>
      <p>{`${point.runs > 1 ? 'Slowest ' : ''}${formatLatency(point.latencyMs)}`}</p>
      <p>{point.runs > 1 ? `${point.runs} runs, ${point.problems} not ok` : OUTCOME_WORD[point.outcome]}</p>
    </div>
  );
}
