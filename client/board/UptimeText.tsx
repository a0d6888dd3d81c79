import { WINDOW_SHORT, WINDOW_WORDS, type UptimeFigure } from './uptime-figure';

/** "99.95 % · 30 d": small on the wall, and in words for a screen reader or a pointer resting on it. */
export function UptimeText({ figure }: { figure: UptimeFigure & { percent: string } }) {
  return (
    <span className="uptime-text" title={`Uptime over ${WINDOW_WORDS[figure.window]}`}>
      <span className="board-hidden">Uptime </span>
      {`${figure.percent} %`}
      {/* A narrow tile leaves the window out (board.css): the banner says it for every tile. */}
      <span className="uptime-window">{` · ${WINDOW_SHORT[figure.window]}`}</span>
    </span>
  );
}
