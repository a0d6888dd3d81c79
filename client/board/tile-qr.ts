import { servicePath } from '../paths';

/** The part of qrcode-generator's code object the wall draws from. */
export interface QrMatrix {
  getModuleCount(): number;
  isDark(row: number, col: number): boolean;
}

/** Light modules around the code that scanners need to find it (the standard asks for 4; 2 hold on a tile's own light square). */
export const QR_MARGIN = 2;

/** The page of a service as a phone opens it: from the board's public address when known, else from this page's origin. */
export function serviceUrl(serviceId: string, base: string): string {
  return `${base.replace(/\/+$/, '')}${servicePath(serviceId)}`;
}

/**
 * An SVG path of a code's dark modules, one rectangle per run of dark modules in a row,
 * on a square of `size` modules (the code and its margin). Pure.
 */
export function qrPath(code: QrMatrix, margin = QR_MARGIN): { size: number; d: string } {
  const count = code.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count;) {
      if (!code.isDark(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < count && code.isDark(row, end)) end++;
      parts.push(`M${col + margin} ${row + margin}h${end - col}v1h-${end - col}z`);
      col = end;
    }
  }
  return { size: count + 2 * margin, d: parts.join('') };
}
