import { HISTORY_WINDOWS, type HistoryWindow } from '../api/history';

const WINDOWS = Object.keys(HISTORY_WINDOWS) as HistoryWindow[];

/** The windows in words, for tooltips and messages. */
export const WINDOW_WORDS: Record<HistoryWindow, string> = { '1h': 'the last hour', '24h': 'the last 24 hours', '7d': 'the last 7 days' };

export interface WindowPickerProps {
  /** The window shown. */
  selected: HistoryWindow;
  /** Called with the window the user picked. */
  onSelect: (choice: HistoryWindow) => void;
  /** True while the picked window's history loads. */
  busy: boolean;
}

/** 1h · 24h · 7d, as a row of toggle buttons. */
export function WindowPicker({ selected, onSelect, busy }: WindowPickerProps) {
  return (
    <div className="window-picker" role="group" aria-label="History window" aria-busy={busy}>
      {WINDOWS.map((w) => (
        <button key={w} type="button" aria-pressed={w === selected} title={WINDOW_WORDS[w]} onClick={() => onSelect(w)}>
          {w}
        </button>
      ))}
    </div>
  );
}
