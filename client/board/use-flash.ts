import { useEffect, useRef, useState } from 'react';

/** How long a tile shows that it just changed (board.css runs its animation in this time). */
export const FLASH_MS = 1_600;

/**
 * True for `FLASH_MS` after `value` changes (a tile's status), so the room's eye goes to
 * the tile that just changed. Not when the tile first appears: a page load, a rotation's
 * next page, or unfolding is not news.
 */
export function useFlash(value: string): boolean {
  const previous = useRef(value);
  const [flashing, setFlashing] = useState(false);
  useEffect(() => {
    if (previous.current === value) return;
    previous.current = value;
    setFlashing(true);
    const timer = setTimeout(() => setFlashing(false), FLASH_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return flashing;
}
