import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { API, api, loginAll } from '../helpers/http.js';
import { createTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';
import { minimalPdf } from '../helpers/sample-files.js';

const PDF = minimalPdf(Buffer.alloc(256, 0x41));
const HEADER = 'bookingDate,amount,currency,reference,counterparty,bankTransactionId';

const expect415 = (res: Response) => {
  expect(res.status).toBe(415);
  expect(res.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', requestId: expect.any(String) });
  expect(res.body.details).toBeUndefined();
};

describe('request bodies of a media type the route does not take', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  let beneficiaryId: string;
  const beneficiary = {
    category: 'VM',
    sex: 'male',
    birthYear: 1980,
    nationality: 'TJ',
    fullName: 'Media Type Person',
    dateOfBirth: '1980-02-03',
    documentNumber: 'MT1',
    consent: { givenAt: '2026-11-01', method: 'verbal' },
  };
  const draft = async () => {
    const res = await as('ngo.kz').post('/applications', {
      beneficiaryId,
      urgency: 'standard',
      items: [{ type: 'legal', description: 'Lawyer fees', amount: '100.00' }],
      stateSupport: { requested: true, outcome: 'refused' },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'officer.kz', 'finance', 'admin'], tok);
    const b = await as('ngo.kz').post('/beneficiaries', beneficiary);
    expect(b.status).toBe(201);
    beneficiaryId = b.body.id;
  });
  afterAll(() => t.close());

  it.each([
    ['text/plain', JSON.stringify({ ...beneficiary, documentNumber: 'MT2' })],
    ['application/x-www-form-urlencoded', 'category=VM&sex=male&birthYear=1980'],
    ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="category"\r\n\r\nVM\r\n--xyz--\r\n'],
    ['application/xml', '<beneficiary/>'],
  ])('answers a %s body to a JSON route with 415, not a list of missing fields, and stores nothing', async (type, body) => {
    const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM beneficiary');
    expect415(await as('ngo.kz').post('/beneficiaries', body, { contentType: type }));
    const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM beneficiary');
    expect(after).toBe(before);
  });

  it('checks PATCH routes and the sign-in too (the sign-in before its own guard reads the body)', async () => {
    const d = await draft();
    expect415(await as('ngo.kz').patch(`/applications/${d.id}`, JSON.stringify({ version: d.version }), { contentType: 'text/plain' }));
    expect415(
      await api(t).post('/auth/login', `email=ngo.kz%40example.org&password=${encodeURIComponent(PASSWORD())}`, {
        contentType: 'application/x-www-form-urlencoded',
      }),
    );
  });

  it('authenticates first: an anonymous caller of a protected route gets 401 whatever the body', async () => {
    const res = await api(t).post('/beneficiaries', 'x=1', { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(401);
  });

  it('takes JSON with or without a charset', async () => {
    const res = await as('ngo.kz').post(
      '/beneficiaries',
      JSON.stringify({ ...beneficiary, documentNumber: 'MT3', fullName: 'Other Person' }),
      {
        contentType: 'application/json; charset=utf-8',
      },
    );
    expect(res.status).toBe(201);
  });

  it('keeps multipart for the document upload and text/csv for the bank statement, refusing JSON there', async () => {
    const d = await draft();
    const upload = await as('ngo.kz').request('post', `/applications/${d.id}/documents`).attach('file', PDF, 'estimate.pdf');
    expect(upload.status).toBe(201);
    expect415(await as('ngo.kz').post(`/applications/${d.id}/documents`, { file: 'x' }));
    const statement = await as('finance').post('/bank-statements', `${HEADER}\n`, { contentType: 'text/csv' });
    expect(statement.status).toBe(200);
    expect415(await as('finance').post('/bank-statements', { lines: [] }));
    expect415(await as('finance').post('/bank-statements', `${HEADER}\n`, { contentType: 'text/plain' }));
  });

  it('lets bodiless POSTs through, with no Content-Type or an empty body of any type', async () => {
    const d = await draft();
    // no body at all: no Content-Type, no Content-Length
    const submit = await t.http.post(`${API}/applications/${d.id}/submit`).set('Authorization', `Bearer ${tok['ngo.kz']}`);
    expect(submit.status).toBe(200);
    expect(submit.body.status).toBe('submitted');
    // an empty body under a type the route does not take: nothing to misread
    const claim = await t.http
      .post(`${API}/applications/${d.id}/claim`)
      .set('Authorization', `Bearer ${tok['officer.kz']}`)
      .set('Content-Type', 'text/plain')
      .send('');
    expect(claim.status).toBe(200);
    expect(claim.body.status).toBe('in_review');
  });
});
