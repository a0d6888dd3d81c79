import { useCallback, useState } from 'react';

/** Where the mute button's choice is kept, so a reload or a soft refresh keeps it. */
export const SOUND_KEY = 'greenboard.sound';

function read(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off';
  } catch {
    return true; // storage refused (a private window): sound, as the address asked
  }
}

/** Whether sound is on (the default, as `?sound=1` asked for it) and a setter that remembers the choice. */
export function useSoundPreference(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(read);
  const set = useCallback((next: boolean) => {
    setOn(next);
    try {
      localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
    } catch {
      // Not remembered; the choice still holds until the page reloads.
    }
  }, []);
  return [on, set];
}
