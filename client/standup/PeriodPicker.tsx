import { useState, type FormEvent } from 'react';
import { dayRangePeriod, PRESET_LABELS, PRESETS, periodDays, presetPeriod, type Period } from './period';

export interface PeriodPickerProps {
  /** The period shown. */
  period: Period;
  /** Called with the period picked, resolved at the moment of picking. */
  onPick: (period: Period) => void;
}

/**
 * The presets as toggle buttons, and a from–to of whole days. Picking the preset already
 * shown again brings its end up to now.
 */
export function PeriodPicker({ period, onPick }: PeriodPickerProps) {
  return (
    <div className="standup-period">
      <div role="group" aria-label="Period" className="standup-presets">
        {PRESETS.map((name) => (
          <button key={name} type="button" aria-pressed={period.name === name} onClick={() => onPick(presetPeriod(name, Date.now(), period.timeZone))}>
            {PRESET_LABELS[name]}
          </button>
        ))}
      </div>
      {/* Keyed by the period: its days show in the inputs again whenever another is picked. */}
      <DayRange key={`${period.from}-${period.to}-${period.timeZone}`} period={period} onPick={onPick} />
    </div>
  );
}

function DayRange({ period, onPick }: PeriodPickerProps) {
  const [days, setDays] = useState(() => periodDays(period));
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const picked = dayRangePeriod(days.fromDay, days.toDay, Date.now(), period.timeZone);
    setProblem(picked ? null : 'Pick a first day no later than the last, and not in the future.');
    if (picked) onPick(picked);
  };
  return (
    <form className="standup-range" aria-label="From–to" data-active={period.name === 'custom'} onSubmit={submit}>
      <label>
        From <input type="date" value={days.fromDay} required onChange={(e) => setDays({ ...days, fromDay: e.target.value })} />
      </label>
      <label>
        to <input type="date" value={days.toDay} required onChange={(e) => setDays({ ...days, toDay: e.target.value })} />
      </label>
      <button type="submit">Show</button>
      {problem && (
        <span role="alert" className="standup-problem">
          {problem}
        </span>
      )}
    </form>
  );
}
