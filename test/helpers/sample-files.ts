import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/**
 * Small but complete documents for upload tests: the upload refuses a file that only starts like a
 * PDF, JPEG or PNG (domain/document-check.ts), so tests send real ones.
 */

/** A one-page PDF written by pdfkit (classic cross-reference table, compressed content). */
export function samplePdf(text = 'Cost estimate'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text(text);
    doc.end();
  });
}

/**
 * A one-page PDF built by hand (classic cross-reference table), synchronous for fixtures. `payload`
 * goes into a stream object, to make the file bigger or to carry every byte value.
 */
export function minimalPdf(payload: Buffer = Buffer.alloc(0)): Buffer {
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /PieceInfo << /Payload 4 0 R >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${payload.length} >>\nstream\n`), payload, Buffer.from('\nendstream')]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

/**
 * A PDF 1.5 whose cross-reference is a stream (Flate, PNG Up predictor), as Word, Acrobat and most
 * scanners write them; hand-built so that path of the checker is tested too.
 */
export function sampleXrefStreamPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.5\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = body.length;
  offsets.push(xrefAt); // object 4 is the xref stream itself
  // rows of [type(1) offset(2) generation(1)], each prefixed with PNG filter 2 (Up) against the row above
  const rows = [[0, 0, 0, 0xff], ...offsets.map((o) => [1, o >> 8, o & 0xff, 0])];
  const raw: number[] = [];
  rows.forEach((row, r) => {
    raw.push(2, ...row.map((b, c) => (b - (r > 0 ? rows[r - 1][c] : 0)) & 0xff));
  });
  const data = deflateSync(Buffer.from(raw));
  const dict = `<< /Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length ${data.length} >>`;
  return Buffer.concat([
    Buffer.from(`${body}4 0 obj\n${dict}\nstream\n`, 'latin1'),
    data,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'),
  ]);
}

/**
 * An 8×8 grey baseline JPEG (`comment`, if given, in a COM segment): quantisation and one-code Huffman tables, one scan whose only block is a
 * zero DC difference and end-of-block. Decodable by any JPEG reader.
 */
export function sampleJpeg(comment?: Buffer): Buffer {
  const segment = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const huffman = (tableClass: number) => [tableClass << 4, 1, ...Array<number>(15).fill(0), 0];
  return Buffer.from([
    0xff,
    0xd8,
    ...(comment ? segment(0xfe, [...comment]) : []),
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xc4, huffman(0)),
    ...segment(0xc4, huffman(1)),
    ...segment(0xda, [1, 1, 0, 0, 63, 0]),
    0x3f, // DC "0" (difference 0), AC "0" (end of block), padded with ones
    0xff,
    0xd9,
  ]);
}

/** A 1×1 RGB PNG with right chunk lengths and CRCs; `extra` goes into a private ancillary chunk. */
export function samplePng(rgb: [number, number, number] = [200, 30, 30], extra?: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc32(typed), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(extra ? [chunk('prVt', extra)] : []),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
