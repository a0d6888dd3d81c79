import { CartesianGrid, ComposedChart, Line, Scatter, Tooltip, XAxis, YAxis, type TooltipContentProps, type TooltipValueType } from 'recharts';
import type { ResultOutcome } from '../../shared/api';
import { timeTicks, type ChartPoint } from './chart-data';
import { formatLatency } from './format';
import { OUTCOME_WORD } from './outcome';

export interface ResponseTimeChartProps {
  /** The points to draw, oldest first. */
  points: readonly ChartPoint[];
  /** Start of the x axis, epoch ms: gaps in the results show as gaps. */
  from: number;
  /** End of the x axis, epoch ms. */
  to: number;
  /** What the chart shows, for screen readers. */
  label: string;
}

/** How each outcome that is not ok is marked: the shape and colour its status has on the board. */
const MARKS: Array<{ outcome: ResultOutcome; shape: 'square' | 'triangle' | 'diamond' | 'cross'; colour: string }> = [
  { outcome: 'failed', shape: 'square', colour: '#ef4444' },
  { outcome: 'degraded', shape: 'triangle', colour: '#f59e0b' },
  { outcome: 'unknown', shape: 'diamond', colour: '#9ca3af' },
  { outcome: 'maintenance', shape: 'cross', colour: '#60a5fa' },
];

const AXIS = '#9ca3af';

/**
 * Response time over the window, with each run that was not ok marked; a run that got
 * no response time (refused, timed out) is marked on the x axis. Loaded lazily.
 */
export default function ResponseTimeChart({ points, from, to, label }: ResponseTimeChartProps) {
  // Marks are columns of the same rows as the line (null where there is none), so the
  // tooltip's position maps to the same point in every series.
  const rows = points.map((p) => ({ ...p, [p.outcome]: p.outcome === 'ok' ? null : (p.latencyMs ?? 0) }));
  const present = MARKS.filter((mark) => points.some((p) => p.outcome === mark.outcome));
  const { ticks, stepMs } = timeTicks(from, to);
  return (
    <div className="chart-box">
      <ComposedChart responsive data={rows} style={{ width: '100%', height: '14em' }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} aria-label={label}>
        <CartesianGrid stroke="#1f2937" vertical={false} />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={[from, to]}
          ticks={ticks}
          tickFormatter={tickFormat(stepMs)}
          stroke={AXIS}
          tick={{ fill: AXIS }}
        />
        <YAxis tickFormatter={(ms: number) => formatLatency(ms)} stroke={AXIS} tick={{ fill: AXIS }} width="auto" allowDecimals={false} />
        <Tooltip content={PointTooltip} isAnimationActive={false} />
        <Line
          dataKey="latencyMs"
          type="linear"
          stroke="#38bdf8"
          strokeWidth={1.5}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
          name="Response time"
        />
        {present.map((mark) => (
          <Scatter
            key={mark.outcome}
            dataKey={mark.outcome}
            shape={mark.shape}
            fill={mark.colour}
            isAnimationActive={false}
            name={OUTCOME_WORD[mark.outcome]}
          />
        ))}
      </ComposedChart>
      {present.length > 0 && (
        <p className="chart-legend">
          {present.map((mark) => (
            <span key={mark.outcome} data-mark={mark.outcome}>
              <span style={{ color: mark.colour }} aria-hidden="true">
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

function PointTooltip({ active, payload }: TooltipContentProps<TooltipValueType, string | number>) {
  const point = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <p>{TOOLTIP_TIME.format(point.at)}</p>
      <p>{`${point.runs > 1 ? 'Slowest ' : ''}${formatLatency(point.latencyMs)}`}</p>
      <p>{point.runs > 1 ? `${point.runs} runs, ${point.problems} not ok` : OUTCOME_WORD[point.outcome]}</p>
    </div>
  );
}
