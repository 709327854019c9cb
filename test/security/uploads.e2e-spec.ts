import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { api, binary } from '../helpers/http.js';
import { minimalPdf, sampleJpeg, samplePdf, samplePng } from '../helpers/sample-files.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const LIMIT = 4;

/** One multipart part written byte for byte: `disposition` is the part's Content-Disposition parameters after `name="file"`. */
function multipart(disposition: Buffer | string, bytes: Buffer, contentType = 'application/pdf') {
  const boundary = `----ef${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; `),
    Buffer.isBuffer(disposition) ? disposition : Buffer.from(disposition, 'latin1'),
    Buffer.from(`\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Issue 16, point 6: file names kept as typed, only complete files of their claimed type, a limit per application. */
describe('uploads', () => {
  let t: TestApp;
  let token: string;
  let beneficiaryId: string;
  let pdf: Buffer;
  const ngo = () => api(t).as(token);

  const newDraft = async () => {
    const res = await ngo().post('/applications', {
      beneficiaryId,
      urgency: 'standard',
      items: [{ type: 'medical', description: 'Surgery and medicines', amount: '90000.00' }],
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const upload = (appId: string, bytes: Buffer, filename: string, contentType?: string) =>
    ngo()
      .request('post', `/applications/${appId}/documents`)
      .attach('file', bytes, contentType === undefined ? filename : { filename, contentType });
  const sendRaw = (appId: string, part: { body: Buffer; contentType: string }) =>
    ngo().request('post', `/applications/${appId}/documents`).set('Content-Type', part.contentType).send(part.body);
  const documentCount = async (appId: string) =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM application_document WHERE application_id = $1', [appId]))[0].n);
  const storedFiles = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM stored_file'))[0].n);

  const expectRefused = (res: Response, status: number, code: string, reason?: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String), requestId: expect.any(String) });
    if (reason !== undefined) expect(res.body.reason).toBe(reason);
  };

  beforeAll(async () => {
    t = await createTestApp({ MAX_DOCUMENTS_PER_APPLICATION: String(LIMIT) });
    token = await t.login('ngo.kz@example.org');
    const ben = await ngo().post('/beneficiaries', {
      category: 'VOT',
      sex: 'female',
      birthYear: 1991,
      nationality: 'UZ',
      fullName: 'Aigul Nazarova',
      dateOfBirth: '1991-04-04',
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    expect(ben.status).toBe(201);
    beneficiaryId = ben.body.id;
    pdf = await samplePdf('Смета клиники');
  });
  afterAll(() => t.close());

  describe('file names', () => {
    const NAME = 'Паспорт_Айгуль.pdf';

    const expectKept = async (appId: string, res: Response, name: string) => {
      expect([res.status, res.body.filename]).toEqual([201, name]);
      const list = await ngo().get(`/applications/${appId}/documents`);
      expect(list.body.items.map((d: { filename: string }) => d.filename)).toContain(name);
      const dl = await ngo().get(`/applications/${appId}/documents/${res.body.id}`).buffer(true).parse(binary);
      expect(dl.status).toBe(200);
      const star = /filename\*=UTF-8''([^;\s]+)/.exec(dl.headers['content-disposition'])?.[1];
      // RFC 5987 attr-chars only: letters, digits and !#$&+-.^_`|~ besides %XX
      expect(star).toMatch(/^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/);
      expect(decodeURIComponent(star!)).toBe(name);
      expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=/);
    };

    it('keeps a Cyrillic name sent as raw UTF-8, as browsers send it, in the list and the download', async () => {
      const appId = await newDraft();
      const res = await sendRaw(
        appId,
        multipart(Buffer.concat([Buffer.from('filename="'), Buffer.from(NAME, 'utf8'), Buffer.from('"')]), pdf),
      );
      await expectKept(appId, res, NAME);
    });

    it('keeps a name sent as filename* (RFC 5987) or percent-encoded', async () => {
      const appId = await newDraft();
      const encoded = encodeURIComponent(NAME);
      await expectKept(appId, await sendRaw(appId, multipart(`filename*=UTF-8''${encoded}`, pdf)), NAME);
      await expectKept(appId, await sendRaw(appId, multipart(`filename="${encoded}"`, pdf)), NAME);
    });

    it("sends a name with parentheses and an apostrophe as valid RFC 5987 (encodeURIComponent leaves '()*)", async () => {
      const appId = await newDraft();
      const name = "Смета (копия) O'Brien.pdf";
      await expectKept(appId, await upload(appId, pdf, name), name);
    });
  });

  describe('content', () => {
    let appId: string;
    beforeAll(async () => {
      appId = await newDraft();
    });

    const refusesAndStoresNothing = async (send: () => Promise<Response>, status: number, code: string, reason?: string) => {
      const [documents, files] = [await documentCount(appId), await storedFiles()];
      expectRefused(await send(), status, code, reason);
      expect([await documentCount(appId), await storedFiles()]).toEqual([documents, files]);
    };

    it('accepts complete PDF, JPEG and PNG files', async () => {
      for (const [bytes, name, type] of [
        [pdf, 'estimate.pdf', 'application/pdf'],
        [sampleJpeg(), 'photo.jpg', 'image/jpeg'],
        [samplePng(), 'scan.png', 'image/png'],
      ] as const) {
        const res = await upload(appId, bytes, name, type);
        expect([name, res.status, res.body.contentType]).toEqual([name, 201, type]);
      }
    });

    it('refuses a truncated PDF with 422 FILE_DAMAGED and a reason', async () => {
      await refusesAndStoresNothing(
        () => upload(appId, pdf.subarray(0, Math.floor(pdf.length * 0.7)), 'estimate.pdf'),
        422,
        'FILE_DAMAGED',
        'pdf_no_eof_marker',
      );
    });

    it('refuses a PDF whose cross-reference does not parse with 422 FILE_DAMAGED', async () => {
      const text = pdf.toString('latin1');
      const at = text.lastIndexOf('startxref');
      const broken = Buffer.from(`${text.slice(0, at)}startxref\n17\n%%EOF\n`, 'latin1');
      await refusesAndStoresNothing(() => upload(appId, broken, 'estimate.pdf'), 422, 'FILE_DAMAGED', 'pdf_bad_xref');
      // the fake PDF older tests sent: a header and an end marker around junk
      const fake = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(256, 0x41), Buffer.from('\n%%EOF\n')]);
      await refusesAndStoresNothing(() => upload(appId, fake, 'estimate.pdf'), 422, 'FILE_DAMAGED', 'pdf_no_startxref');
    });

    it('refuses a truncated JPEG with 422 FILE_DAMAGED', async () => {
      const jpeg = sampleJpeg(Buffer.alloc(200, 0x20));
      await refusesAndStoresNothing(
        () => upload(appId, jpeg.subarray(0, jpeg.length - 10), 'photo.jpg'),
        422,
        'FILE_DAMAGED',
        'jpeg_truncated',
      );
    });

    it('refuses a PNG with a bad CRC with 422 FILE_DAMAGED', async () => {
      const png = Buffer.from(samplePng());
      png[33 + 8 + 2] ^= 0x40; // a byte inside IDAT
      await refusesAndStoresNothing(() => upload(appId, png, 'scan.png'), 422, 'FILE_DAMAGED', 'png_bad_crc');
    });

    it('refuses a PDF/HTML polyglot with 415: script in the PDF, or HTML before the header', async () => {
      const text = pdf.toString('latin1');
      const at = text.lastIndexOf('startxref');
      const withScript = Buffer.from(`${text.slice(0, at)}<script>fetch('/api/v1/users')</script>\n${text.slice(at)}`, 'latin1');
      await refusesAndStoresNothing(() => upload(appId, withScript, 'estimate.pdf'), 415, 'UNSUPPORTED_FILE_TYPE', 'html_markup');
      const htmlFirst = Buffer.concat([Buffer.from('<html><body><script>alert(1)</script>\n'), pdf]);
      await refusesAndStoresNothing(() => upload(appId, htmlFirst, 'estimate.pdf'), 415, 'UNSUPPORTED_FILE_TYPE', 'unknown_format');
    });

    it('refuses a content that its Content-Type or extension misnames with 415 FILE_TYPE_MISMATCH', async () => {
      await refusesAndStoresNothing(() => upload(appId, pdf, 'scan.png', 'image/png'), 415, 'FILE_TYPE_MISMATCH', 'type_mismatch');
      await refusesAndStoresNothing(() => upload(appId, pdf, 'page.html', 'application/pdf'), 415, 'FILE_TYPE_MISMATCH');
      await refusesAndStoresNothing(() => upload(appId, samplePng(), 'scan.png', 'text/html'), 415, 'FILE_TYPE_MISMATCH');
    });
  });

  describe('documents per application', () => {
    it(`refuses document ${LIMIT + 1} with 409 DOCUMENT_LIMIT_REACHED, also when uploads race`, async () => {
      const appId = await newDraft();
      expect((await upload(appId, minimalPdf(), 'first.pdf')).status).toBe(201);
      // the other places are taken by uploads sent at once: exactly as many succeed as there are places
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => upload(appId, minimalPdf(Buffer.from(`copy ${i}`)), `copy-${i}.pdf`)),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array<number>(LIMIT - 1).fill(201), ...Array<number>(8 - LIMIT + 1).fill(409)]);
      for (const r of results.filter((x) => x.status === 409)) {
        expectRefused(r, 409, 'DOCUMENT_LIMIT_REACHED');
        expect(r.body.limit).toBe(LIMIT);
      }
      expect(await documentCount(appId)).toBe(LIMIT);
      expectRefused(await upload(appId, minimalPdf(), 'one-more.pdf'), 409, 'DOCUMENT_LIMIT_REACHED');
      expect(await documentCount(appId)).toBe(LIMIT);
      // another application has its own places
      expect((await upload(await newDraft(), minimalPdf(), 'elsewhere.pdf')).status).toBe(201);
    });
  });
});
