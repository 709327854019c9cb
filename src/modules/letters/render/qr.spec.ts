import { describe, expect, it } from '@jest/globals';
import jsQRModule from 'jsqr';
import { qrRuns } from './qr.js';

// a CommonJS package whose types say ES default export: either shape, whichever loader
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as unknown as Decode;

/** Paints the runs as the renderer draws them (dark rectangles on white, a quiet zone) and reads the code back. */
function decode(text: string): string | null {
  const { size, runs } = qrRuns(text);
  const scale = 4;
  const quiet = 4;
  const side = (size + 2 * quiet) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const r of runs) {
    for (let y = (r.y + quiet) * scale; y < (r.y + quiet + 1) * scale; y++) {
      for (let x = (r.x + quiet) * scale; x < (r.x + quiet + r.length) * scale; x++)
        rgba.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return jsQR(rgba, side, side)?.data ?? null;
}

describe('qrRuns', () => {
  it('draws a QR code that scans to the verification URL', () => {
    for (const url of [
      'https://ef.example.org/api/v1/letters/verify/7K3QF9M2XW4TB8RZ1HJ6NP0DVGCY5SAE',
      'http://localhost:3000/api/v1/letters/verify/00000000000000000000000000000000',
    ]) {
      expect(decode(url)).toBe(url);
    }
  });

  it('covers each dark module exactly once, in runs that never overlap', () => {
    const { size, runs } = qrRuns('https://ef.example.org/x');
    const seen = new Set<number>();
    for (const r of runs) {
      expect(r.length).toBeGreaterThan(0);
      for (let x = r.x; x < r.x + r.length; x++) {
        expect(seen.has(r.y * size + x)).toBe(false);
        seen.add(r.y * size + x);
      }
    }
    expect(seen.size).toBeGreaterThan(size * 2);
  });
});
