import type { Response } from 'express';
import type { AwardLetter } from '../letters/entities/award-letter.entity.js';

/** A letter's PDF exactly as issued, with its SHA-256 as X-Content-SHA256 and ETag: the award's download and a shared link's alike. */
export function sendLetterPdf(res: Response, file: { letter: AwardLetter; bytes: Buffer; filename: string }): void {
  const { letter, bytes, filename } = file;
  res
    .status(200)
    .set({
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${filename}"`,
      'X-Content-SHA256': letter.sha256!,
      ETag: `"${letter.sha256}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    })
    .end(bytes);
}
