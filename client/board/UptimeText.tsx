import { WINDOW_SHORT, WINDOW_WORDS, type UptimeFigure } from './uptime-figure';

const SINCE_DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const SINCE_TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "3 Nov", or "09:14" when that is today: "since Dec 1" on Dec 1 says less than the time. */
function sinceWords(at: number, now = Date.now()): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? SINCE_TIME.format(at) : SINCE_DAY.format(at);
}

/**
 * "99.95 % · 30 d": small on the wall, and in words for a screen reader or a pointer
 * resting on it. A figure counted over less than its window says from when ("· since 3 Nov"):
 * a service added on Tuesday has no 30-day uptime yet.
 */
export function UptimeText({ figure }: { figure: UptimeFigure & { percent: string } }) {
  const since = figure.since === null ? null : sinceWords(figure.since);
  return (
    <span
      className="uptime-text"
      title={since === null ? `Uptime over ${WINDOW_WORDS[figure.window]}` : `Uptime since ${since}: watched for less than ${WINDOW_WORDS[figure.window]}`}
      data-uptime-since={figure.since === null ? undefined : new Date(figure.since).toISOString()}
    >
      <span className="board-hidden">Uptime </span>
      {`${figure.percent} %`}
      {/* A narrow tile leaves the window out (board.css): the banner says it for every tile. */}
      <span className="uptime-window">{since === null ? ` · ${WINDOW_SHORT[figure.window]}` : ` · since ${since}`}</span>
    </span>
  );
}
