import { crc32, inflateSync } from 'node:zlib';
import { type AcceptedContentType, decodeFilename, detectContentType, EXTENSIONS, extensionOf } from './document-type.js';

/**
 * Whether uploaded bytes are a complete file of the type they claim to be. Pure (no Nest, no I/O).
 *
 * The checks are structural, not a full parser: no PDF parser is a runtime dependency (pdfjs-dist is a
 * test tool here, and a lenient reader "repairs" the truncated files this is meant to refuse). What is
 * checked, per type:
 * - PDF: `%PDF-x.y` at byte 0; `startxref <n>` and `%%EOF` at the end (only whitespace after); every
 *   cross-reference section reachable from `startxref` (through `/Prev` and `/XRefStm`) parses, as a
 *   classic table or as an xref stream (Flate with PNG predictors decoded), and each object it says is
 *   at an offset starts there (`N G obj`); the trailer names a `/Root`; every `stream` has its
 *   `endstream`; no HTML markup (`<html`, `<script`, ...) outside streams.
 * - JPEG: SOI, then a walk of the marker segments (lengths inside the file), a frame header before the
 *   first scan, the entropy-coded data skipped to the next marker, EOI reached; the file ends with FFD9.
 * - PNG: signature, IHDR first (13 bytes), every chunk's length inside the file and its CRC right, at
 *   least one IDAT, IEND last with nothing after it.
 * - Every type: no HTML markup in the first KB (what a browser's content sniffer reads).
 * Not checked: that page contents, fonts or compressed image data decode, objects inside object
 * streams, encryption. A file that passes is complete and well-formed at the container level.
 */
export type DocumentCheck =
  | { ok: true; contentType: AcceptedContentType; extension: string }
  | { ok: false; problem: 'unsupported'; reason: 'unknown_format' | 'html_markup' }
  | { ok: false; problem: 'mismatch'; detected: AcceptedContentType; claimed: string }
  | { ok: false; problem: 'damaged'; contentType: AcceptedContentType; reason: DamageReason };

type DamageReason =
  | 'pdf_no_eof_marker'
  | 'pdf_no_startxref'
  | 'pdf_bad_xref'
  | 'pdf_bad_trailer'
  | 'pdf_bad_object_offset'
  | 'pdf_unterminated_stream'
  | 'jpeg_truncated'
  | 'jpeg_bad_structure'
  | 'jpeg_no_image'
  | 'jpeg_data_after_end'
  | 'png_truncated'
  | 'png_bad_chunk'
  | 'png_bad_crc'
  | 'png_ihdr_not_first'
  | 'png_no_image'
  | 'png_data_after_end';

export interface DocumentClaim {
  /** The part's Content-Type; empty or application/octet-stream claims nothing. */
  contentType?: string;
  filename?: string;
}

const TYPE_ALIASES: Record<string, AcceptedContentType> = {
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/x-png': 'image/png',
};
const NO_CLAIM = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** What the part claims to be, each claim separately: a claim of a type the fund does not take is kept as is. */
function claims(claim: DocumentClaim): string[] {
  const out: string[] = [];
  const type = (claim.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!NO_CLAIM.has(type)) out.push(TYPE_ALIASES[type] ?? type);
  const extension = extensionOf(decodeFilename(claim.filename));
  if (extension !== null) out.push(EXTENSIONS[extension] ?? `.${extension}`);
  return out;
}

// markup a browser would render; looked for in the first KB of every file and, in a PDF, outside streams
const HTML_MARKUP = /<\s*(?:html|head|body|script|iframe)\b|<!doctype\s+html/i;

export function checkDocument(bytes: Buffer, claim: DocumentClaim = {}): DocumentCheck {
  const detected = detectContentType(bytes);
  if (!detected) return { ok: false, problem: 'unsupported', reason: 'unknown_format' };
  const claimed = claims(claim).find((c) => c !== detected.contentType);
  if (claimed !== undefined) return { ok: false, problem: 'mismatch', detected: detected.contentType, claimed };
  if (HTML_MARKUP.test(bytes.subarray(0, 1024).toString('latin1'))) return { ok: false, problem: 'unsupported', reason: 'html_markup' };
  const damage =
    detected.contentType === 'application/pdf'
      ? checkPdf(bytes)
      : detected.contentType === 'image/png'
        ? checkPng(bytes)
        : checkJpeg(bytes);
  if (damage === 'html_markup') return { ok: false, problem: 'unsupported', reason: 'html_markup' };
  if (damage) return { ok: false, problem: 'damaged', contentType: detected.contentType, reason: damage };
  return { ok: true, ...detected };
}

// ---------------------------------------------------------------------------------------------
// PDF

type PdfProblem = Extract<DamageReason, `pdf_${string}`> | 'html_markup';

export function checkPdf(bytes: Buffer): PdfProblem | null {
  // latin1 maps byte i to char i, so string offsets are byte offsets
  const text = bytes.toString('latin1');
  if (!/^%PDF-\d\.\d/.test(text)) return 'pdf_bad_xref';
  // markup first: a polyglot is refused as such (415) even when it is also a broken PDF
  const outside = scanOutsideStreams(text);
  if (outside) return outside;
  const tail = text.slice(-2048);
  if (!/%%EOF[\s\0]*$/.test(tail)) return 'pdf_no_eof_marker';
  const start = /startxref\s+(\d+)\s+%%EOF[\s\0]*$/.exec(tail);
  if (!start) return 'pdf_no_startxref';

  let root = false;
  const seen = new Set<number>();
  const pending = [Number(start[1])];
  while (pending.length > 0) {
    const offset = pending.shift()!;
    if (seen.has(offset)) continue;
    if (seen.size >= 1000) return 'pdf_bad_xref';
    seen.add(offset);
    if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= text.length) return 'pdf_bad_xref';
    const section = /\s*xref\b/y;
    section.lastIndex = offset;
    const result = section.test(text) ? readXrefTable(text, section.lastIndex) : readXrefStream(bytes, text, offset);
    if (typeof result === 'string') return result;
    for (const [number, at] of result.objects) if (!objectStartsAt(text, at, number)) return 'pdf_bad_object_offset';
    root ||= /\/Root\s+\d+\s+\d+\s+R/.test(result.dictionary);
    for (const key of ['Prev', 'XRefStm']) {
      const next = new RegExp(`/${key}\\s+(\\d+)`).exec(result.dictionary);
      if (next) pending.push(Number(next[1]));
    }
  }
  return root ? null : 'pdf_bad_trailer';
}

/** Every `stream` has its `endstream`, and there is no HTML markup between them. */
function scanOutsideStreams(text: string): PdfProblem | null {
  const keyword = /(end)?stream(\r\n|\n|\r)?/g;
  let from = 0;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    if (m[1] !== undefined || m[2] === undefined) continue; // endstream or a name such as /Substream
    if (HTML_MARKUP.test(text.slice(from, m.index))) return 'html_markup';
    const end = text.indexOf('endstream', keyword.lastIndex);
    if (end < 0) return 'pdf_unterminated_stream';
    from = end + 'endstream'.length;
    keyword.lastIndex = from;
  }
  return HTML_MARKUP.test(text.slice(from)) ? 'html_markup' : null;
}

interface XrefSection {
  /** object number → byte offset, for the objects in use that this section places */
  objects: [number, number][];
  dictionary: string;
}

function readXrefTable(text: string, at: number): XrefSection | PdfProblem {
  const objects: [number, number][] = [];
  const header = /\s*(\d+)[ \t]+(\d+)[ \t]*(?:\r\n|\r|\n)/y;
  const entry = /\s*(\d{10})[ \t]+(\d{5})[ \t]+([nf])/y;
  let position = at;
  for (;;) {
    header.lastIndex = position;
    const sub = header.exec(text);
    if (!sub) break;
    const first = Number(sub[1]);
    const count = Number(sub[2]);
    position = header.lastIndex;
    for (let i = 0; i < count; i++) {
      entry.lastIndex = position;
      const e = entry.exec(text);
      if (!e) return 'pdf_bad_xref';
      position = entry.lastIndex;
      if (e[3] === 'n') objects.push([first + i, Number(e[1])]);
    }
  }
  const trailer = /\s*trailer\s*<</y;
  trailer.lastIndex = position;
  if (!trailer.test(text)) return 'pdf_bad_trailer';
  const end = text.indexOf('startxref', trailer.lastIndex);
  const dictionary = text.slice(trailer.lastIndex, end < 0 ? trailer.lastIndex + 4096 : end);
  return { objects, dictionary };
}

function readXrefStream(bytes: Buffer, text: string, at: number): XrefSection | PdfProblem {
  const head = /\s*(\d+)\s+(\d+)\s+obj\s*<</y;
  head.lastIndex = at;
  if (!head.test(text)) return 'pdf_bad_xref';
  const streamAt = /stream(\r\n|\n)/g;
  streamAt.lastIndex = head.lastIndex;
  const s = streamAt.exec(text);
  if (!s) return 'pdf_bad_xref';
  const dictionary = text.slice(head.lastIndex, s.index);
  if (!/\/Type\s*\/XRef\b/.test(dictionary)) return 'pdf_bad_xref';
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
  const widths = /\/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(dictionary);
  const size = /\/Size\s+(\d+)/.exec(dictionary);
  if (!length || !widths || !size) return 'pdf_bad_xref';
  const dataStart = streamAt.lastIndex;
  const dataEnd = dataStart + Number(length[1]);
  if (dataEnd > bytes.length || !/^\s*endstream/.test(text.slice(dataEnd, dataEnd + 32))) return 'pdf_bad_xref';
  let data: Buffer = bytes.subarray(dataStart, dataEnd);
  const filter = /\/Filter\s*\[?\s*\/(\w+)\s*\]?/.exec(dictionary);
  if (filter) {
    // another filter (rare for xref streams): the section's structure was checked, its entries cannot be
    if (filter[1] !== 'FlateDecode') return { objects: [], dictionary };
    try {
      data = inflateSync(data);
    } catch {
      return 'pdf_bad_xref';
    }
  }
  const w = [Number(widths[1]), Number(widths[2]), Number(widths[3])];
  const rowLength = w[0] + w[1] + w[2];
  if (rowLength === 0 || w.some((x) => x > 8)) return 'pdf_bad_xref';
  const predictor = /\/Predictor\s+(\d+)/.exec(dictionary);
  if (predictor && Number(predictor[1]) >= 10) {
    const columns = Number(/\/Columns\s+(\d+)/.exec(dictionary)?.[1] ?? 1);
    const decoded = unpredictPng(data, columns);
    if (!decoded) return 'pdf_bad_xref';
    data = decoded;
  } else if (predictor && Number(predictor[1]) !== 1) {
    return { objects: [], dictionary };
  }
  const index = /\/Index\s*\[([\d\s]*)\]/.exec(dictionary);
  const ranges = (index ? index[1].trim().split(/\s+/).map(Number) : [0, Number(size[1])]).filter((n) => Number.isFinite(n));
  const objects: [number, number][] = [];
  let row = 0;
  for (let r = 0; r + 1 < ranges.length; r += 2) {
    for (let i = 0; i < ranges[r + 1]; i++, row++) {
      const offset = row * rowLength;
      if (offset + rowLength > data.length) return 'pdf_bad_xref';
      const field = (k: number, from: number) => {
        let v = 0;
        for (let b = 0; b < w[k]; b++) v = v * 256 + data[offset + from + b];
        return v;
      };
      const type = w[0] === 0 ? 1 : field(0, 0);
      if (type === 1) objects.push([ranges[r] + i, field(1, w[0])]);
    }
  }
  return { objects, dictionary };
}

/** Undoes the PNG row filters of a Flate stream (one byte per pixel, as xref streams use). */
function unpredictPng(data: Buffer, columns: number): Buffer | null {
  const stride = columns + 1;
  if (columns <= 0 || data.length % stride !== 0) return null;
  const rows = data.length / stride;
  const out = Buffer.alloc(rows * columns);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * stride];
    for (let c = 0; c < columns; c++) {
      const raw = data[r * stride + 1 + c];
      const left = c > 0 ? out[r * columns + c - 1] : 0;
      const up = r > 0 ? out[(r - 1) * columns + c] : 0;
      const upLeft = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1] : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      else return null;
      out[r * columns + c] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function objectStartsAt(text: string, offset: number, number: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const object = /\s*(\d+)\s+\d+\s+obj\b/y;
  object.lastIndex = offset;
  const m = object.exec(text);
  return m !== null && Number(m[1]) === number;
}

// ---------------------------------------------------------------------------------------------
// JPEG

type JpegProblem = Extract<DamageReason, `jpeg_${string}`>;

const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

export function checkJpeg(bytes: Buffer): JpegProblem | null {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return 'jpeg_bad_structure';
  let i = 2;
  let frame = false;
  let scan = false;
  for (;;) {
    if (i >= n) return 'jpeg_truncated';
    if (bytes[i] !== 0xff) return 'jpeg_bad_structure';
    while (i < n && bytes[i] === 0xff) i++; // fill bytes
    if (i >= n) return 'jpeg_truncated';
    const marker = bytes[i++];
    if (marker === 0xd9) break; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (marker === 0xd8 || marker === 0x00) return 'jpeg_bad_structure';
    if (i + 2 > n) return 'jpeg_truncated';
    const length = bytes.readUInt16BE(i);
    if (length < 2) return 'jpeg_bad_structure';
    if (i + length > n) return 'jpeg_truncated';
    if (isFrameMarker(marker)) frame = true;
    i += length;
    if (marker !== 0xda) continue;
    if (!frame) return 'jpeg_bad_structure';
    scan = true;
    // entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart
    for (;;) {
      i = bytes.indexOf(0xff, i);
      if (i < 0 || i + 1 >= n) return 'jpeg_truncated';
      const next = bytes[i + 1];
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
      else if (next === 0xff) i += 1;
      else break;
    }
  }
  if (!scan) return 'jpeg_no_image';
  // bytes after EOI are allowed only if the file still ends with an EOI (a second image, as MPF cameras write)
  if (i !== n && !(bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9)) return 'jpeg_data_after_end';
  return null;
}

// ---------------------------------------------------------------------------------------------
// PNG

type PngProblem = Extract<DamageReason, `png_${string}`>;

export function checkPng(bytes: Buffer): PngProblem | null {
  const n = bytes.length;
  let i = 8;
  let image = false;
  for (let first = true; ; first = false) {
    if (i + 8 > n) return 'png_truncated';
    const length = bytes.readUInt32BE(i);
    const type = bytes.toString('latin1', i + 4, i + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return 'png_bad_chunk';
    if (i + 12 + length > n) return 'png_truncated';
    if (crc32(bytes.subarray(i + 4, i + 8 + length)) !== bytes.readUInt32BE(i + 8 + length)) return 'png_bad_crc';
    if (first !== (type === 'IHDR')) return 'png_ihdr_not_first';
    if (type === 'IHDR' && (length !== 13 || bytes.readUInt32BE(i + 8) === 0 || bytes.readUInt32BE(i + 12) === 0)) return 'png_bad_chunk';
    if (type === 'IDAT') image = true;
    i += 12 + length;
    if (type === 'IEND') {
      if (length !== 0) return 'png_bad_chunk';
      break;
    }
  }
  if (!image) return 'png_no_image';
  return i === n ? null : 'png_data_after_end';
}
