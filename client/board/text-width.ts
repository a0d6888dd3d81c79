/** The weights the wall draws its text in (board.css): a measure must use the same. */
const TEXT_WEIGHT = { name: 800, status: 700, line: 800, reason: 600, banner: 800 } as const;

export type TextStyle = keyof typeof TEXT_WEIGHT;

/** The width of `text` drawn in `style`, in em of its own type: it scales with any size. */
export type MeasureText = (text: string, style: TextStyle) => number;

/** Bold type is about this wide per character, in em; a little more than most, so what is planned fits. */
const EM_PER_CHARACTER = 0.62;

/** A width from the number of characters, where nothing can be measured (tests, or a browser without canvas). */
export const estimateText: MeasureText = (text) => text.length * EM_PER_CHARACTER;

/** Measured texts kept at most; names stay, but failure messages change (timings), so the cache starts over past this. */
const CACHE_LIMIT = 4000;

/** Canvas type is measured at this size, then scaled: large enough for sub-pixel precision. */
const MEASURE_PX = 100;

/**
 * Measures text with a canvas in the page's own font, as the wall draws it; estimates
 * when there is no canvas. The canvas is made on the first call, so a page that never
 * lays out a wall never makes one.
 */
export function canvasMeasure(fontFamily: () => string): MeasureText {
  let context: CanvasRenderingContext2D | null | undefined;
  const cache = new Map<string, number>();
  return (text, style) => {
    const key = `${style}\u0000${text}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    context ??= document.createElement('canvas').getContext('2d');
    if (!context) return estimateText(text, style);
    context.font = `${TEXT_WEIGHT[style]} ${MEASURE_PX}px ${fontFamily()}`;
    const width = context.measureText(text).width / MEASURE_PX;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, width);
    return width;
  };
}
