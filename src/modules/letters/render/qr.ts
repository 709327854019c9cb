import QRCode from 'qrcode';

/**
 * A QR code's dark modules as rectangles (one per horizontal run), to draw as vector shapes. The
 * mask is fixed: choosing the best of the eight took more time than the rest of the code, and any
 * mask reads equally well from a printed page at this size. One byte-mode segment, for the same
 * reason (the search for the shortest mix of modes saves a few modules of a URL).
 */
export function qrRuns(text: string): { size: number; runs: { x: number; y: number; length: number }[] } {
  const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
  const runs: { x: number; y: number; length: number }[] = [];
  for (let y = 0; y < modules.size; y++) {
    let start = -1;
    for (let x = 0; x <= modules.size; x++) {
      const dark = x < modules.size && modules.get(y, x);
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, length: x - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}
