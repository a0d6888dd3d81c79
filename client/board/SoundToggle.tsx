import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ServiceView } from '../../shared/api';
import { servicesQuery } from '../api/services';
import type { BoardData } from '../api/services-cache';
import { createChime, type Chime } from './sound';
import { newProblems } from './sound-changes';
import { useSoundPreference } from './sound-preference';

export interface SoundToggleProps {
  /** Whether a service (as it is now) is one this wall shows: a problem elsewhere makes no sound here. */
  covers: (service: ServiceView) => boolean;
}

/**
 * The mute button of a wall opened with `?sound=1`, and the tone itself: played when a
 * service the wall shows becomes a problem while the board watches — never for the first
 * snapshot after a load or a reconnect, which says how things are, not what just happened.
 */
export function SoundToggle({ covers }: SoundToggleProps) {
  const [on, setOn] = useSoundPreference();
  const chime = useRef<Chime | null>(null);
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const created = createChime();
    chime.current = created;
    setBlocked(created?.blocked() ?? false);
    return () => {
      created?.close();
      chime.current = null;
    };
  }, []);
  const { data } = useQuery(servicesQuery());
  const before = useRef<BoardData | undefined>(undefined);
  useEffect(() => {
    if (!data) return;
    const changed = newProblems(before.current, data).filter(covers);
    before.current = data;
    if (on && changed.length > 0) chime.current?.play();
  }, [data, on, covers]);
  const toggle = () => {
    // A click is what lets a page make sound: turning it on unlocks it.
    if (!on || blocked) void chime.current?.unlock().then(() => setBlocked(chime.current?.blocked() ?? false));
    setOn(blocked ? true : !on);
  };
  const label = !on ? 'Sound off' : blocked ? 'Sound blocked — click to allow' : 'Sound on';
  return (
    <button
      type="button"
      className="sound-toggle"
      data-sound={on ? 'on' : 'off'}
      data-sound-blocked={on && blocked ? '' : undefined}
      aria-pressed={on}
      onClick={toggle}
    >
      <SpeakerIcon on={on && !blocked} /> {label}
    </button>
  );
}

function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg className="sound-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      {on ? (
        <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      ) : (
        <path d="M16 9l6 6M22 9l-6 6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      )}
    </svg>
  );
}
