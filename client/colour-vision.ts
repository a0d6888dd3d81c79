/**
 * Colour maths for checking the palette: WCAG relative luminance and contrast, and how a
 * colour looks with a colour-vision deficiency (Machado, Oliveira and Fernandes 2009,
 * full severity, applied in linear RGB). Pure.
 */

export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';

const SIMULATION: Record<Vision, readonly (readonly number[])[]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

function linear(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [m[1]!, m[2]!, m[3]!].map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
}

/** WCAG relative luminance (0 black – 1 white) of `hex` as seen with `vision`. */
export function luminance(hex: string, vision: Vision = 'normal'): number {
  const rgb = linear(hex);
  const [r, g, b] = SIMULATION[vision].map((row) => Math.min(1, Math.max(0, row[0]! * rgb[0] + row[1]! * rgb[1] + row[2]! * rgb[2])));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio (1–21) of two colours as seen with `vision`. */
export function contrastRatio(a: string, b: string, vision: Vision = 'normal'): number {
  const [light, dark] = [luminance(a, vision), luminance(b, vision)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
