/**
 * How a switch in a wall's address reads (`?kiosk=0`, `?rotate=off`, `?sound=1`): people
 * type these by hand on a TV, so every common way of saying yes or no is understood.
 */
const OFF_WORDS = new Set(['0', 'off', 'false', 'no']);
const ON_WORDS = new Set(['', '1', 'on', 'true', 'yes']);

/** `0`, `off`, `false` or `no`. */
export const isOffWord = (value: string): boolean => OFF_WORDS.has(value);

/** Given with no value, or `1`, `on`, `true`, `yes`. */
export const isOnWord = (value: string): boolean => ON_WORDS.has(value);
