import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { api, binary, loginAll } from '../helpers/http.js';
import { minimalPdf, sampleJpeg, samplePng } from '../helpers/sample-files.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const TABLES = ['application', 'application_item', 'application_document', 'stored_file'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

// Every byte value inside each (complete) file, so a text decoding anywhere on the way would show.
const ALL_BYTES = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
const PDF = minimalPdf(ALL_BYTES);
const PNG = samplePng([10, 20, 30], ALL_BYTES);
const JPEG = sampleJpeg(ALL_BYTES);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), ALL_BYTES]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), ALL_BYTES]);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bigPdf = (mb: number) => minimalPdf(Buffer.alloc(mb * 1024 * 1024, 0x41));

const fieldsOf = (res: Response) => ((res.body.details ?? []) as { field: string }[]).map((d) => d.field);

/** The error contract of SPEC section 4, plus the fields a 400 must name. */
function expectError(res: Response, status: number, code?: string, fields: string[] = []) {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status } });
  expect(typeof res.body.code).toBe('string');
  if (code) expect(res.body.code).toBe(code);
  expect(typeof res.body.message).toBe('string');
  expect(res.body.requestId).toBeTruthy();
  if (res.body.details !== undefined) {
    for (const d of res.body.details) expect(d).toEqual({ field: expect.any(String), message: expect.any(String) });
  }
  for (const f of fields) expect(fieldsOf(res)).toContain(f);
}

const item = (over: Record<string, unknown> = {}) => ({
  type: 'legal',
  description: 'Lawyer fees for the residence case',
  amount: '1500.00',
  ...over,
});

describe('applications: hostile input and documents', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let mine: string; // a beneficiary of ngo.kz
  let theirs: string; // a beneficiary of ngo2.kz
  let draft: { id: string; version: number };
  const as = (who: string) => api(t).as(tok[who]);

  const counts = async (): Promise<Counts> => {
    const out = {} as Counts;
    for (const table of TABLES) out[table] = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
    return out;
  };
  /** Runs fn and asserts that not one row was added to the application and document tables. */
  const storesNothing = async (fn: () => Promise<unknown>) => {
    const before = await counts();
    await fn();
    expect(await counts()).toEqual(before);
  };
  const create = (body: unknown, who = 'ngo.kz') => as(who).post('/applications', body as object);
  const createRaw = (raw: string) => as('ngo.kz').post('/applications', raw, { contentType: 'application/json' });
  const valid = (over: Record<string, unknown> = {}) => ({ beneficiaryId: mine, urgency: 'standard', items: [item()], ...over });
  const upload = (
    who: string,
    appId: string,
    bytes: Buffer | null,
    opts: { filename?: string; filepath?: string; contentType?: string } = {},
    kind?: string,
  ) => {
    let req = as(who).request('post', `/applications/${appId}/documents`);
    if (kind !== undefined) req = req.field('kind', kind);
    if (bytes) req = req.attach('file', bytes, { filename: 'document.pdf', ...opts });
    return req;
  };
  const download = (who: string, appId: string, docId: string) =>
    as(who).get(`/applications/${appId}/documents/${docId}`).buffer(true).parse(binary);
  const newDraft = async (items = [item()]) => {
    const res = await create(valid({ items }));
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const registerBeneficiary = async (who: string, fullName: string) => {
    const res = await as(who).post('/beneficiaries', {
      category: 'VOT',
      sex: 'female',
      birthYear: 1990,
      nationality: 'UZ',
      fullName,
      dateOfBirth: '1990-05-05',
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'ngo2.kz', 'officer.kz', 'officer.kg', 'finance', 'admin'], tok);
    mine = await registerBeneficiary('ngo.kz', 'Aigerim Sultanova');
    theirs = await registerBeneficiary('ngo2.kz', 'Madina Omarova');
    draft = await newDraft();
  });
  afterAll(() => t.close());

  describe('amounts', () => {
    const BAD = [
      '-5.00',
      '0',
      '0.00',
      '1.005',
      'abc',
      '1e5',
      ' 12',
      '12 ',
      '',
      1500,
      0.5,
      null,
      '99999999999999999999.00',
      '1,500.00',
      '0x10',
      'NaN',
      'Infinity',
    ];
    it.each(BAD.map((a) => [a]))('rejects amount %p naming items.0.amount, storing nothing', async (amount) => {
      await storesNothing(async () => {
        const res = await create(valid({ items: [item({ amount })] }));
        expectError(res, 400, 'VALIDATION_FAILED', ['items.0.amount']);
        expect(fieldsOf(res)).toEqual(['items.0.amount']);
      });
    });

    it('accepts the smallest and a two-decimal amount and totals them exactly', async () => {
      const res = await create(
        valid({ items: [item({ amount: '0.01' }), item({ amount: '1500.1' }), item({ amount: '9999999999999999.99' })] }),
      );
      expect(res.status).toBe(201);
      expect(res.body.items.map((i: { amount: string }) => i.amount)).toEqual(['0.01', '1500.10', '9999999999999999.99']);
      expect(res.body.total).toBe('10000000000001500.10');
    });

    it('names every bad field of several bad items in one 400', async () => {
      await storesNothing(async () => {
        const res = await create(
          valid({
            items: [
              item({ amount: '-1.00' }),
              item({ type: 'cash' }),
              item({ description: '' }),
              item({ amount: '1.005', type: 'bribe' }),
              item(),
            ],
          }),
        );
        expectError(res, 400, 'VALIDATION_FAILED');
        const fields = fieldsOf(res);
        for (const f of ['items.0.amount', 'items.1.type', 'items.2.description', 'items.3.amount', 'items.3.type'])
          expect(fields).toContain(f);
        for (const f of ['items.0.type', 'items.1.amount', 'items.2.amount', 'items.4.amount', 'items.4.type', 'beneficiaryId'])
          expect(fields).not.toContain(f);
      });
    });
  });

  describe('other fields', () => {
    const cases: [string, () => object, string][] = [
      ['an unknown assistance type', () => valid({ items: [item({ type: 'cash' })] }), 'items.0.type'],
      ['empty items', () => valid({ items: [] }), 'items'],
      ['missing items', () => ({ beneficiaryId: mine, urgency: 'standard' }), 'items'],
      ['items that are not an array', () => valid({ items: { 0: item() } }), 'items'],
      ['51 items', () => valid({ items: Array.from({ length: 51 }, () => item({ amount: '1.00' })) }), 'items'],
      ['urgency asap', () => valid({ urgency: 'asap' }), 'urgency'],
      ['missing urgency', () => ({ beneficiaryId: mine, items: [item()] }), 'urgency'],
      ['a beneficiaryId that is not a UUID', () => valid({ beneficiaryId: 'BEN-KZ-12345' }), 'beneficiaryId'],
      ['a fundId that is not a UUID', () => valid({ fundId: "1' OR '1'='1" }), 'fundId'],
      ['a random fundId', () => valid({ fundId: randomUUID() }), 'fundId'],
      ['an unknown top-level field', () => valid({ status: 'approved' }), 'status'],
      ['a description that is too long', () => valid({ items: [item({ description: 'x'.repeat(501) })] }), 'items.0.description'],
    ];
    it.each(cases)('rejects %s with a 400 naming the field, storing nothing', async (_name, body, field) => {
      await storesNothing(async () => expectError(await create(body()), 400, 'VALIDATION_FAILED', [field]));
    });

    it('accepts 50 items', async () => {
      const res = await create(valid({ items: Array.from({ length: 50 }, () => item({ amount: '1.00' })) }));
      expect(res.status).toBe(201);
      expect(res.body.total).toBe('50.00');
    });

    it("answers another NGO's beneficiary exactly like a random id (no existence leak)", async () => {
      await storesNothing(async () => {
        const other = await create(valid({ beneficiaryId: theirs }));
        const random = await create(valid({ beneficiaryId: randomUUID() }));
        expectError(other, 400, 'VALIDATION_FAILED', ['beneficiaryId']);
        expectError(random, 400, 'VALIDATION_FAILED', ['beneficiaryId']);
        expect({ ...other.body, requestId: null }).toEqual({ ...random.body, requestId: null });
        expect(JSON.stringify(other.body)).not.toContain(theirs);
      });
    });

    it('names both bad State support fields', async () => {
      await storesNothing(async () => {
        const res = await create(
          valid({ stateSupport: { requested: true, agency: 'Akimat', requestedOn: '2026-02-30', outcome: 'maybe' } }),
        );
        expectError(res, 400, 'VALIDATION_FAILED', ['stateSupport.outcome', 'stateSupport.requestedOn']);
        expect(fieldsOf(res)).not.toContain('stateSupport.agency');
      });
    });

    it('PATCH with bad amounts answers 400 and leaves the application as it was', async () => {
      const before = await as('ngo.kz').get(`/applications/${draft.id}`);
      expect(before.status).toBe(200);
      await storesNothing(async () => {
        const res = await as('ngo.kz').patch(`/applications/${draft.id}`, {
          version: before.body.version,
          items: [item({ amount: '-5.00' }), item({ amount: '1.005' }), item({ amount: 7 })],
        });
        expectError(res, 400, 'VALIDATION_FAILED', ['items.0.amount', 'items.1.amount', 'items.2.amount']);
      });
      const after = await as('ngo.kz').get(`/applications/${draft.id}`);
      expect(after.body.version).toBe(before.body.version);
      expect(after.body.items).toEqual(before.body.items);
      expect(after.body.total).toBe(before.body.total);
      expect(after.body.updatedAt).toBe(before.body.updatedAt);
    });

    it('PATCH without version answers 400 naming version and changes nothing', async () => {
      const res = await as('ngo.kz').patch(`/applications/${draft.id}`, { urgency: 'urgent' });
      expectError(res, 400, 'VALIDATION_FAILED', ['version']);
      const bad = await as('ngo.kz').patch(`/applications/${draft.id}`, { version: '1', urgency: 'urgent' });
      expectError(bad, 400, 'VALIDATION_FAILED', ['version']);
      const after = await as('ngo.kz').get(`/applications/${draft.id}`);
      expect(after.body).toMatchObject({ urgency: 'standard', version: draft.version });
    });
  });

  describe('documents', () => {
    const FILES: [string, Buffer, string, string][] = [
      ['estimate.pdf', PDF, 'application/pdf', 'cost_estimate'],
      ['scan.png', PNG, 'image/png', 'certificate'],
      ['photo.jpg', JPEG, 'image/jpeg', 'invoice'],
      // sent as raw UTF-8 in the part header, as browsers send a Cyrillic name: kept as typed
      ['Смета клиники №2.pdf', PDF, 'application/pdf', 'cost_estimate'],
    ];

    it.each(FILES)('stores %s typed by content and gives back the same bytes', async (filename, bytes, contentType, kind) => {
      const before = await counts();
      // the declared type is deliberately wrong: only the content counts
      const res = await upload('ngo.kz', draft.id, bytes, { filename, contentType: 'application/octet-stream' }, kind);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), kind, filename, contentType, size: bytes.length, sha256: sha256(bytes) });
      const after = await counts();
      expect(after.application_document).toBe(before.application_document + 1);
      expect(after.stored_file).toBe(before.stored_file + 1);

      const dl = await download('ngo.kz', draft.id, res.body.id);
      expect(dl.status).toBe(200);
      expect(Buffer.isBuffer(dl.body)).toBe(true);
      expect((dl.body as Buffer).equals(bytes)).toBe(true);
      expect(dl.headers['content-type']).toMatch(new RegExp(`^${contentType}`));
      expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
      expect(dl.headers['content-disposition']).toContain(encodeURIComponent(filename));

      const list = await as('ngo.kz').get(`/applications/${draft.id}/documents`);
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(res.body);
    });

    it('defaults kind to other and strips a path from the file name', async () => {
      const res = await upload('ngo.kz', draft.id, PDF, { filepath: '../../etc/passwd.pdf', contentType: 'application/pdf' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ filename: 'passwd.pdf', kind: 'other' });
      const row = await t.dataSource.query('SELECT filename FROM application_document WHERE id = $1', [res.body.id]);
      expect(row[0].filename).toBe('passwd.pdf');
      const dl = await download('ngo.kz', draft.id, res.body.id);
      expect(dl.headers['content-disposition']).not.toMatch(/\.\.|\//);
    });

    it('refuses a 12 MB upload with 413 and stores nothing', async () => {
      await storesNothing(async () => {
        const res = await upload('ngo.kz', draft.id, bigPdf(12), { filename: 'big.pdf', contentType: 'application/pdf' }, 'quote');
        expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      });
    });

    it.each([
      ['a Windows executable named .pdf', EXE, 'estimate.pdf', 'application/pdf'],
      ['an ELF executable named .pdf', ELF, 'estimate.pdf', 'application/pdf'],
      ['an HTML page named .png', HTML, 'photo.png', 'image/png'],
      ['an empty file', Buffer.alloc(0), 'empty.pdf', 'application/pdf'],
      ['a truncated PNG signature', PNG.subarray(0, 4), 'x.png', 'image/png'],
    ])('refuses %s with 415 and stores nothing', async (_name, bytes, filename, contentType) => {
      await storesNothing(async () => {
        const res = await upload('ngo.kz', draft.id, bytes, { filename, contentType }, 'cost_estimate');
        expectError(res, 415, 'UNSUPPORTED_FILE_TYPE');
      });
    });

    it('answers 400 for a missing file and for an unknown kind (415 for a JSON body), storing nothing', async () => {
      await storesNothing(async () => {
        expectError(await upload('ngo.kz', draft.id, null, {}, 'other'), 400, 'VALIDATION_FAILED', ['file']);
        // a JSON body is not a multipart form: the route takes multipart/form-data only
        expectError(await as('ngo.kz').post(`/applications/${draft.id}/documents`, {}), 415, 'UNSUPPORTED_MEDIA_TYPE');
        expectError(await upload('ngo.kz', draft.id, PDF, { filename: 'p.pdf' }, 'passport'), 400, 'VALIDATION_FAILED', ['kind']);
        const extra = await upload('ngo.kz', draft.id, PDF, { filename: 'p.pdf' }, 'other').field('owner', 'someone');
        expectError(extra, 400, 'VALIDATION_FAILED', ['owner']);
      });
    });

    describe('scope', () => {
      let docId: string;
      beforeAll(async () => {
        const res = await upload('ngo.kz', draft.id, PDF, { filename: 'scope.pdf' }, 'quote');
        expect(res.status).toBe(201);
        docId = res.body.id;
      });

      it('another NGO of the same country gets 404 for upload, list and download', async () => {
        await storesNothing(async () => expectError(await upload('ngo2.kz', draft.id, PDF, { filename: 'x.pdf' }), 404, 'NOT_FOUND'));
        // the scope is checked before the content: an outsider learns nothing, not even that the file type is wrong
        await storesNothing(async () => expectError(await upload('ngo2.kz', draft.id, EXE, { filename: 'x.pdf' }), 404, 'NOT_FOUND'));
        expectError(await as('ngo2.kz').get(`/applications/${draft.id}/documents`), 404, 'NOT_FOUND');
        const dl = await as('ngo2.kz').get(`/applications/${draft.id}/documents/${docId}`);
        expectError(dl, 404, 'NOT_FOUND');
      });

      it("the country's officer lists and downloads; another country's officer gets 404; finance 403", async () => {
        const list = await as('officer.kz').get(`/applications/${draft.id}/documents`);
        expect(list.status).toBe(200);
        expect(list.body.items.map((d: { id: string }) => d.id)).toContain(docId);
        const dl = await download('officer.kz', draft.id, docId);
        expect(dl.status).toBe(200);
        expect((dl.body as Buffer).equals(PDF)).toBe(true);

        expectError(await as('officer.kg').get(`/applications/${draft.id}/documents`), 404, 'NOT_FOUND');
        expectError(await as('officer.kg').get(`/applications/${draft.id}/documents/${docId}`), 404, 'NOT_FOUND');
        await storesNothing(async () => {
          expectError(await upload('officer.kz', draft.id, PDF, { filename: 'x.pdf' }), 403);
          expectError(await upload('finance', draft.id, PDF, { filename: 'x.pdf' }), 403);
        });
        expectError(await as('finance').get(`/applications/${draft.id}/documents`), 403);
        expectError(await as('finance').get(`/applications/${draft.id}/documents/${docId}`), 403);
      });

      it('answers 404 for a document of another application and 400 for a malformed id', async () => {
        const other = await newDraft();
        expectError(await as('ngo.kz').get(`/applications/${other.id}/documents/${docId}`), 404, 'NOT_FOUND');
        expectError(await as('ngo.kz').get(`/applications/${draft.id}/documents/${randomUUID()}`), 404, 'NOT_FOUND');
        expectError(await as('ngo.kz').get(`/applications/${draft.id}/documents/..%2F..`), 400, 'VALIDATION_FAILED', ['docId']);
      });

      it('refuses uploads to a withdrawn application with 409', async () => {
        const app = await newDraft();
        const w = await as('ngo.kz').post(`/applications/${app.id}/withdraw`, {});
        expect(w.status).toBe(200);
        expect(w.body.status).toBe('withdrawn');
        await storesNothing(async () => {
          const res = await upload('ngo.kz', app.id, PDF, { filename: 'late.pdf' }, 'invoice');
          expectError(res, 409, 'ILLEGAL_TRANSITION');
          expect(res.body.currentStatus).toBe('withdrawn');
        });
      });
    });

    it('REQUIRED_DOCUMENTS warns without a cost estimate for a medical item and passes with one', async () => {
      const medical = [item({ type: 'medical', description: 'Surgery at the regional hospital', amount: '250000.00' })];
      const ruleOf = async (appId: string) => {
        const submit = await as('ngo.kz').post(`/applications/${appId}/submit`, {});
        expect(submit.status).toBe(200);
        const res = await as('ngo.kz').get(`/applications/${appId}/eligibility`);
        expect(res.status).toBe(200);
        return (res.body.results as { ruleCode: string; outcome: string; values: Record<string, unknown> }[]).find(
          (r) => r.ruleCode === 'REQUIRED_DOCUMENTS',
        );
      };
      const without = await newDraft(medical);
      expect(await upload('ngo.kz', without.id, PDF, { filename: 'other.pdf' }, 'invoice').then((r) => r.status)).toBe(201);
      expect(await ruleOf(without.id)).toMatchObject({ outcome: 'warn', values: { required: ['cost_estimate'], attached: ['invoice'] } });

      const withDoc = await newDraft(medical);
      expect(await upload('ngo.kz', withDoc.id, JPEG, { filename: 'estimate.jpg' }, 'cost_estimate').then((r) => r.status)).toBe(201);
      expect(await ruleOf(withDoc.id)).toMatchObject({ outcome: 'pass' });
    });
  });

  describe('never a 500', () => {
    const depth = 50_000;
    const HOSTILE: [string, string][] = [
      ['null', 'null'],
      ['an array', '[]'],
      ['an array of bodies', JSON.stringify([{ beneficiaryId: randomUUID(), urgency: 'standard', items: [item()] }])],
      ['a string', '"string"'],
      ['a number', '42'],
      ['true', 'true'],
      ['broken JSON', '{"items": ['],
      ['an empty body', ''],
      ['items a string', '{"items":"x"}'],
      ['items [null]', '{"items":[null]}'],
      ['items [{}]', '{"items":[{}]}'],
      ['items [[]]', '{"items":[[]]}'],
      ['items [1, "a", true]', '{"items":[1,"a",true]}'],
      ['items with a huge length', '{"items":{"length":1000000000}}'],
      ['an amount that is an object', JSON.stringify({ urgency: 'standard', items: [item({ amount: { $gt: 0 } })] })],
      ['an amount that is an array', JSON.stringify({ urgency: 'standard', items: [item({ amount: ['1.00'] })] })],
      ['a type that is deeply nested', `{"items":[{"type":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]}`],
      ['deeply nested arrays', `{"items":${'['.repeat(depth)}${']'.repeat(depth)}}`],
      ['deeply nested stateSupport', `{"stateSupport":${'{"note":'.repeat(depth)}1${'}'.repeat(depth)}}`],
      ['__proto__', '{"__proto__":{"x":1}}'],
      ['__proto__ in an item', '{"items":[{"__proto__":{"polluted":1},"type":"legal"}]}'],
      ['constructor', '{"constructor":{}}'],
      ['constructor.prototype', '{"constructor":{"prototype":{"polluted":1}}}'],
      ['stateSupport a string', JSON.stringify({ urgency: 'standard', items: [item()], stateSupport: 'yes' })],
      ['beneficiaryId a number', JSON.stringify({ beneficiaryId: 12, urgency: 'standard', items: [item()] })],
      ['a NUL in the description', JSON.stringify({ urgency: 'standard', items: [item({ description: 'a\u0000b' })] })],
      ['a lone surrogate in the justification', JSON.stringify({ urgency: 'standard', items: [item()], justification: 'x\ud800y' })],
      ['a 100k-char description', JSON.stringify({ urgency: 'standard', items: [item({ description: 'd'.repeat(100_000) })] })],
    ];

    it('answers every hostile body with a 400 in the error shape and stores nothing', async () => {
      const before = await counts();
      const wrong: string[] = [];
      for (const [name, raw] of HOSTILE) {
        // the bodies that could pass type checks get a real beneficiary, so only the hostile part can fail
        const res = await createRaw(
          raw.includes('"beneficiaryId"') ? raw : raw.replace('"urgency":"standard"', `"beneficiaryId":"${mine}","urgency":"standard"`),
        );
        // exactly 400: a 401/403/404 would mean the body never reached validation, a 5xx is the bug hunted here
        const ok =
          res.status === 400 &&
          res.body.statusCode === 400 &&
          res.body.code === 'VALIDATION_FAILED' &&
          typeof res.body.message === 'string' &&
          !!res.body.requestId;
        if (!ok) wrong.push(`${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
      expect(wrong).toEqual([]);
      expect(await counts()).toEqual(before);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('names the field that holds a NUL character or a lone surrogate', async () => {
      const res = await createRaw(
        JSON.stringify({ beneficiaryId: mine, urgency: 'standard', items: [item({ description: 'a\u0000b' })], justification: 'x\udc00' }),
      );
      expectError(res, 400, 'VALIDATION_FAILED', ['items.0.description', 'justification']);
    });

    it('refuses a deeply nested body with a 400 before any transformation, at login too', async () => {
      const nested = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
      expectError(await createRaw(`{"items":[{"type":${nested(40)}}]}`), 400, 'VALIDATION_FAILED', ['body']);
      const login = await api(t).post('/auth/login', `{"email":${nested(depth)},"password":"x"}`, { contentType: 'application/json' });
      expectError(login, 400, 'VALIDATION_FAILED');
    });

    it('refuses a list of more than 5,000 items at once, naming it, without validating each', async () => {
      const res = await createRaw(
        JSON.stringify({
          beneficiaryId: mine,
          urgency: 'standard',
          items: [item()],
          stateSupport: Array.from({ length: 100_000 }, () => ({})),
        }),
      );
      expectError(res, 400, 'VALIDATION_FAILED', ['stateSupport']);
      expect(res.body.details).toEqual([{ field: 'stateSupport', message: 'stateSupport holds more than 5000 items' }]);
    });

    it('answers hostile PATCH bodies with 400 or a stale-version 409, leaving the draft as it was', async () => {
      const before = (await as('ngo.kz').get(`/applications/${draft.id}`)).body;
      for (const body of [
        { version: before.version, items: [null] },
        { version: before.version, items: 'x' },
        { version: 1e300 },
        { version: -1, fundId: null },
      ]) {
        const res = await as('ngo.kz').patch(`/applications/${draft.id}`, body);
        expect([400, 409]).toContain(res.status);
        expect(res.body.statusCode).toBe(res.status);
      }
      const after = (await as('ngo.kz').get(`/applications/${draft.id}`)).body;
      expect(after.version).toBe(before.version);
    });
  });

  // Last on purpose: passport keeps one global 'jwt' strategy, so a second app in this process takes it over,
  // and once that app is closed the first one can no longer authenticate anyone.
  describe('MAX_UPLOAD_MB', () => {
    it('refuses a file over a configured MAX_UPLOAD_MB of 1 with 413', async () => {
      const small = await createTestApp({ MAX_UPLOAD_MB: '1' });
      try {
        const ngo = api(small).as(await small.login('ngo.kz@example.org'));
        const ben = await ngo.post('/beneficiaries', {
          category: 'VOT',
          sex: 'male',
          birthYear: 1988,
          nationality: 'KG',
          fullName: 'Bakyt Asanov',
          dateOfBirth: '1988-03-03',
          consent: { givenAt: '2026-11-01', method: 'written' },
        });
        expect(ben.status).toBe(201);
        const app = await ngo.post('/applications', { beneficiaryId: ben.body.id, urgency: 'urgent', items: [item()] });
        expect(app.status).toBe(201);
        const send = (bytes: Buffer) => ngo.request('post', `/applications/${app.body.id}/documents`).attach('file', bytes, 'x.pdf');
        const files = async () => Number((await small.dataSource.query('SELECT count(*)::int AS n FROM stored_file'))[0].n);
        const before = await files();
        expectError(await send(bigPdf(2)), 413, 'PAYLOAD_TOO_LARGE');
        expect(await files()).toBe(before);
        expect((await send(bigPdf(0.5))).status).toBe(201);
      } finally {
        await small.close();
      }
    });
  });
});
