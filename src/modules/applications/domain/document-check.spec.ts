import { beforeAll, describe, expect, it } from '@jest/globals';
import { pdfPages } from '../../../../test/helpers/pdf-text.js';
import { minimalPdf, sampleJpeg, samplePdf, samplePng, sampleXrefStreamPdf } from '../../../../test/helpers/sample-files.js';
import { checkDocument, checkJpeg, checkPdf, checkPng } from './document-check.js';

let pdf: Buffer;
beforeAll(async () => {
  pdf = await samplePdf('Смета клиники');
});

const replaceOnce = (bytes: Buffer, from: string, to: string) => {
  const text = bytes.toString('latin1');
  expect(text.includes(from)).toBe(true);
  return Buffer.from(text.replace(from, to), 'latin1');
};

describe('checkDocument', () => {
  it('accepts complete PDF, JPEG and PNG files whose name and type agree with their content', () => {
    expect(checkDocument(pdf, { contentType: 'application/pdf', filename: 'Паспорт_Айгуль.pdf' })).toEqual({
      ok: true,
      contentType: 'application/pdf',
      extension: 'pdf',
    });
    expect(checkDocument(sampleXrefStreamPdf(), { filename: 'scan.PDF' })).toMatchObject({ ok: true });
    expect(checkDocument(sampleJpeg(), { contentType: 'image/jpeg', filename: 'photo.jpeg' })).toMatchObject({
      ok: true,
      extension: 'jpg',
    });
    expect(checkDocument(samplePng(), { contentType: 'image/png', filename: 'receipt.png' })).toMatchObject({ ok: true });
    // a browser that does not know the type sends octet-stream; a name without extension claims nothing
    expect(checkDocument(samplePng(), { contentType: 'application/octet-stream', filename: 'receipt' })).toMatchObject({ ok: true });
  });

  it('refuses a content that is none of the accepted types', () => {
    expect(checkDocument(Buffer.from('MZ\x90\x00', 'latin1'), {})).toEqual({ ok: false, problem: 'unsupported', reason: 'unknown_format' });
    // HTML before the header: not a PDF at byte 0
    const htmlFirst = Buffer.concat([Buffer.from('<html><script>alert(1)</script>'), pdf]);
    expect(checkDocument(htmlFirst, { filename: 'x.pdf' })).toMatchObject({ ok: false, problem: 'unsupported', reason: 'unknown_format' });
  });

  it('refuses a content whose Content-Type or extension names another type', () => {
    expect(checkDocument(pdf, { contentType: 'image/png', filename: 'x.pdf' })).toEqual({
      ok: false,
      problem: 'mismatch',
      detected: 'application/pdf',
      claimed: 'image/png',
    });
    expect(checkDocument(pdf, { filename: 'invoice.html' })).toMatchObject({ problem: 'mismatch', claimed: '.html' });
    expect(checkDocument(samplePng(), { contentType: 'text/html', filename: 'a.png' })).toMatchObject({
      problem: 'mismatch',
      claimed: 'text/html',
    });
    expect(checkDocument(sampleJpeg(), { filename: 'a.png' })).toMatchObject({ problem: 'mismatch', claimed: 'image/png' });
  });

  it('refuses a PDF/HTML polyglot: markup outside streams or in the first KB of any file', () => {
    const polyglot = replaceOnce(pdf, 'startxref', '<script>alert(document.cookie)</script>\nstartxref');
    expect(checkDocument(polyglot, { filename: 'x.pdf' })).toEqual({ ok: false, problem: 'unsupported', reason: 'html_markup' });
    const head = replaceOnce(pdf, '\n', '\n%<!DOCTYPE html><body>\n');
    expect(checkDocument(head)).toMatchObject({ reason: 'html_markup' });
    const jpeg = sampleJpeg();
    const withComment = Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 10]), Buffer.from('<html>\0\0'), jpeg.subarray(2)]);
    expect(checkDocument(withComment)).toMatchObject({ reason: 'html_markup' });
  });
});

describe('checkPdf', () => {
  it('passes what pdf.js opens: pdfkit output and an xref-stream PDF', async () => {
    expect(checkPdf(pdf)).toBeNull();
    expect(checkPdf(sampleXrefStreamPdf())).toBeNull();
    expect(await pdfPages(sampleXrefStreamPdf())).toEqual(['']);
  });

  it('refuses a truncated PDF wherever it was cut', () => {
    for (const keep of [0.3, 0.6, 0.9, 0.99]) expect(checkPdf(pdf.subarray(0, Math.floor(pdf.length * keep)))).not.toBeNull();
    expect(checkPdf(pdf.subarray(0, pdf.length - 8))).toBe('pdf_no_eof_marker');
    expect(checkPdf(Buffer.from('%PDF-1.4\n%%EOF\n'))).toBe('pdf_no_startxref');
  });

  it('refuses a PDF whose cross-reference does not parse or points elsewhere', () => {
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\s+(\d+)/.exec(text.slice(-64))![1]);
    expect(checkPdf(replaceOnce(pdf, `startxref\n${startxref}`, `startxref\n${startxref - 3}`))).toBe('pdf_bad_xref');
    expect(checkPdf(replaceOnce(pdf, `startxref\n${startxref}`, `startxref\n${pdf.length + 10}`))).toBe('pdf_bad_xref');
    // an object moved: its xref entry no longer points at "N 0 obj"
    expect(checkPdf(replaceOnce(pdf, '\n2 0 obj', '\n 9 0 obj'))).toBe('pdf_bad_object_offset');
    expect(checkPdf(replaceOnce(pdf, '/Root', '/Rout'))).toBe('pdf_bad_trailer');
    expect(checkPdf(replaceOnce(pdf, 'trailer', 'trailor'))).toBe('pdf_bad_trailer');
    // the fake PDFs older tests sent
    expect(checkPdf(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(256, 0x41), Buffer.from('\n%%EOF\n')]))).toBe(
      'pdf_no_startxref',
    );
  });

  it('refuses a stream without its end and a damaged xref stream', () => {
    expect(checkPdf(replaceOnce(pdf, 'endstream', 'endstrean'))).not.toBeNull();
    const x = sampleXrefStreamPdf();
    const at = x.indexOf('stream\n') + 'stream\n'.length;
    const broken = Buffer.from(x);
    broken[at + 3] ^= 0xff;
    expect(checkPdf(broken)).not.toBeNull();
  });
});

describe('checkJpeg', () => {
  it('passes a complete JPEG and refuses one cut anywhere', () => {
    const jpeg = sampleJpeg();
    expect(checkJpeg(jpeg)).toBeNull();
    for (let cut = 4; cut < jpeg.length; cut++) expect(checkJpeg(jpeg.subarray(0, cut))).not.toBeNull();
    expect(checkJpeg(jpeg.subarray(0, jpeg.length - 2))).toBe('jpeg_truncated');
  });

  it('refuses a JPEG without a frame or scan, with a bad segment length, or with data after its end', () => {
    expect(checkJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBe('jpeg_no_image');
    const jpeg = sampleJpeg();
    const longSegment = Buffer.from(jpeg);
    longSegment.writeUInt16BE(0xfff0, 4);
    expect(checkJpeg(longSegment)).toBe('jpeg_truncated');
    expect(checkJpeg(Buffer.concat([jpeg, Buffer.from('<html>')]))).toBe('jpeg_data_after_end');
    expect(
      checkJpeg(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7), Buffer.from([0xff, 0xd9])])),
    ).not.toBeNull();
  });
});

describe('checkPng', () => {
  it('passes a complete PNG', () => {
    expect(checkPng(samplePng())).toBeNull();
  });

  it('refuses a bad CRC, a truncated file, IHDR not first, and data after IEND', () => {
    const png = samplePng();
    const badCrc = Buffer.from(png);
    badCrc[8 + 8 + 13] ^= 0x01; // last CRC byte of IHDR
    expect(checkPng(badCrc)).toBe('png_bad_crc');
    const badData = Buffer.from(png);
    badData[8 + 8 + 2] ^= 0x01; // a byte of IHDR's data
    expect(checkPng(badData)).toBe('png_bad_crc');
    for (let cut = 9; cut < png.length; cut++) expect(checkPng(png.subarray(0, cut))).not.toBeNull();
    expect(checkPng(png.subarray(0, png.length - 12))).toBe('png_truncated');
    const ihdrLength = 8 + 12 + 13;
    const idat = png.subarray(ihdrLength, png.length - 12);
    expect(checkPng(Buffer.concat([png.subarray(0, 8), idat, png.subarray(8, ihdrLength), png.subarray(png.length - 12)]))).toBe(
      'png_ihdr_not_first',
    );
    expect(checkPng(Buffer.concat([png, Buffer.from('trailing')]))).toBe('png_data_after_end');
  });
});

describe('test fixtures', () => {
  it('the sync fixtures carrying every byte value pass', async () => {
    const all = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    expect(checkDocument(minimalPdf(all), { filename: 'a.pdf' })).toMatchObject({ ok: true });
    expect(checkDocument(minimalPdf(Buffer.alloc(512 * 1024, 0x41)), { filename: 'a.pdf' })).toMatchObject({ ok: true });
    expect(checkDocument(sampleJpeg(all), { filename: 'a.jpg' })).toMatchObject({ ok: true });
    expect(checkDocument(samplePng([1, 2, 3], all), { filename: 'a.png' })).toMatchObject({ ok: true });
    expect(await pdfPages(minimalPdf(all))).toEqual(['']);
  });
});
