import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { QR_MARGIN, qrPath, serviceUrl } from '../../../client/board/tile-qr';

/** The dark modules an SVG path draws, read back from its rectangles. */
function modulesOf(d: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(w); i++) grid[Number(y)]![Number(x) + i] = true;
  }
  return grid;
}

describe('the QR code of a problem tile', () => {
  it("links to the service's page from the board's public address, one slash between", () => {
    expect(serviceUrl('checkout', 'https://status.example.com/')).toBe('https://status.example.com/services/checkout');
    expect(serviceUrl('a b', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/services/a%20b');
  });

  it('draws exactly the modules of the code for its address, on a light margin', () => {
    const url = 'https://status.example.com/services/checkout';
    const code = qrcode(0, 'L');
    code.addData(url);
    code.make();
    const { size, d } = qrPath(code);
    const count = code.getModuleCount();
    expect(size).toBe(count + 2 * QR_MARGIN);
    const drawn = modulesOf(d, size);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const inCode = row >= QR_MARGIN && col >= QR_MARGIN && row < QR_MARGIN + count && col < QR_MARGIN + count;
        expect(drawn[row]![col], `${row},${col}`).toBe(inCode && code.isDark(row - QR_MARGIN, col - QR_MARGIN));
      }
    }
  });
});
