import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedAward } from '../helpers/flows.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('payment batches', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  const tranche = async (awardId: string, amount: string, extra: object = {}) => {
    const r = await as('finance').post(
      '/disbursements',
      { awardId, amount, method: 'bank_transfer', payee: null, ...extra },
      { idempotencyKey: randomUUID() },
    );
    expect(r.status).toBe(201);
    return r.body as { id: string; paymentReference: string; status: string };
  };
  const VENDOR = {
    method: 'vendor_payment',
    payee: { name: '=Shymkent Clinic, LLP', bankName: 'Kaspi', iban: 'KZ64722S000001234567', bic: 'CASPKZKA' },
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['finance', 'auditor', 'admin', 'ngo.kz'], tok);
  });
  afterAll(() => t.close());

  it('exports one CSV line per payment with its unique reference and the full account, and audits the export', async () => {
    const { award, name, doc } = await approvedAward(t);
    const a = await tranche(award.id, '30000.00');
    const b = await tranche(award.id, '15000.00', VENDOR);
    const batch = await as('finance').post('/payment-batches', { disbursementIds: [a.id, b.id] });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ currency: 'KZT', status: 'open', count: 2, total: '45000.00' });
    expect(batch.body.lines.map((l: { paymentReference: string }) => l.paymentReference)).toEqual(
      [a.paymentReference, b.paymentReference].sort(),
    );

    const csv = await as('finance').get(`/payment-batches/${batch.body.id}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')).toEqual([
      'paymentReference,amount,currency,payeeName,iban,bic,awardNumber',
      ...[
        `${a.paymentReference},30000.00,KZT,Sana Sezim,KZ20601A871001726091,HSBKKZKX,${award.number}`,
        `${b.paymentReference},15000.00,KZT,"'=Shymkent Clinic, LLP",KZ64722S000001234567,CASPKZKA,${award.number}`,
      ].sort(),
      '',
    ]);
    for (const secret of [name.split(' ')[0], doc]) expect(csv.text).not.toContain(secret);
    const audit = (await as('auditor').get(`/audit-events?entityType=payment_batch&entityId=${batch.body.id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit.sort()).toEqual(['payment_batch.create', 'payment_batch.export']);
    expect((await as('finance').get(`/disbursements/${a.id}`)).body.batchId).toBe(batch.body.id);
  });

  it('answers a new batch as it reads back, its figures and audit event written with it', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '1200.50');
    const b = await tranche(award.id, '300.25', VENDOR);
    const created = await as('finance').post('/payment-batches', { disbursementIds: [b.id, a.id] });
    expect(created.status).toBe(201);
    const read = await as('finance').get(`/payment-batches/${created.body.id}`);
    expect(created.body).toEqual(read.body);
    expect(read.body).toMatchObject({ currency: 'KZT', status: 'open', count: 2, total: '1500.75', exportedAt: null, sentAt: null });
    expect(read.body.lines).toEqual(
      [
        { disbursementId: a.id, paymentReference: a.paymentReference, amount: '1200.50', awardNumber: award.number, status: 'scheduled' },
        { disbursementId: b.id, paymentReference: b.paymentReference, amount: '300.25', awardNumber: award.number, status: 'scheduled' },
      ].sort((x, y) => x.paymentReference.localeCompare(y.paymentReference)),
    );
    const [event] = (await as('auditor').get(`/audit-events?entityType=payment_batch&entityId=${created.body.id}`)).body.items;
    expect(event).toMatchObject({ action: 'payment_batch.create', before: null, after: { count: 2, total: '1500.75', currency: 'KZT' } });
    expect((await as('auditor').get('/audit-events/verify')).body).toMatchObject({ valid: true });
  });

  it('refuses a batch with a payee that has no account on file (409 PAYEE_WITHOUT_ACCOUNT), and claims none of its tranches', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '700.00');
    const v = await tranche(award.id, '50.00', VENDOR);
    const [{ enc }] = await t.dataSource.query('SELECT bank_account_enc AS enc FROM organisation WHERE id = $1', [award.organisationId]);
    await t.dataSource.query('UPDATE organisation SET bank_account_enc = NULL WHERE id = $1', [award.organisationId]);
    try {
      const res = await as('finance').post('/payment-batches', { disbursementIds: [v.id, a.id] });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'PAYEE_WITHOUT_ACCOUNT', paymentReferences: [a.paymentReference] });
    } finally {
      await t.dataSource.query('UPDATE organisation SET bank_account_enc = $2 WHERE id = $1', [award.organisationId, enc]);
    }
    for (const d of [a, v]) expect((await as('finance').get(`/disbursements/${d.id}`)).body.batchId).toBeNull();
  });

  it('puts a disbursement in one batch at most, all or nothing, also when two batches race for it', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '1000.00');
    const b = await tranche(award.id, '2000.00');
    const cash = await tranche(award.id, '3000.00', { method: 'cash' });
    const [one, two] = await Promise.all([
      as('finance').post('/payment-batches', { disbursementIds: [a.id] }),
      as('finance').post('/payment-batches', { disbursementIds: [a.id] }),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);

    const refused = await as('finance').post('/payment-batches', { disbursementIds: [b.id, a.id, cash.id, randomUUID()] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DISBURSEMENTS_NOT_BATCHABLE');
    expect(refused.body.details.map((d: { field: string; message: string }) => [d.field, d.message.split(': ')[1]])).toEqual([
      ['disbursementIds.1', 'already in a payment batch'],
      ['disbursementIds.2', 'paid in cash, not through the bank'],
      ['disbursementIds.3', 'no such disbursement'],
    ]);
    expect((await as('finance').get(`/disbursements/${b.id}`)).body.batchId).toBeNull(); // nothing of the refused batch stays
    const bad = await as('finance').post('/payment-batches', { disbursementIds: ['x', 'x'] });
    expect(bad.status).toBe(400);
  });

  it('refuses a batch of two currencies', async () => {
    const kz = await tranche((await approvedAward(t, 'kz')).award.id, '100.00');
    const kg = await tranche((await approvedAward(t, 'kg')).award.id, '100.00');
    const res = await as('finance').post('/payment-batches', { disbursementIds: [kz.id, kg.id] });
    expect(res.status).toBe(400);
    expect(res.body.details[0].message).toMatch(/one currency/);
    expect((await as('finance').get(`/disbursements/${kz.id}`)).body.batchId).toBeNull();
  });

  it('takes a cancelled disbursement out of its open batch before the bank file is downloaded (figures follow), and refuses to send a batch left empty', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '5000.00');
    const b = await tranche(award.id, '7000.00');
    const batch = (await as('finance').post('/payment-batches', { disbursementIds: [a.id, b.id] })).body;
    const cancelled = await as('finance').post(`/disbursements/${a.id}/cancel`, { note: 'the clinic waived the fee' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', batchId: null });
    const left = (await as('finance').get(`/payment-batches/${batch.id}`)).body;
    expect(left).toMatchObject({ status: 'open', count: 1, total: '7000.00', exportedAt: null, lines: [{ disbursementId: b.id }] });
    const events = async (type: string, id: string) =>
      (await as('auditor').get(`/audit-events?entityType=${type}&entityId=${id}`)).body.items as {
        action: string;
        before: object;
        after: object;
      }[];
    expect((await events('disbursement', a.id)).find((e) => e.action === 'disbursement.cancel')).toMatchObject({
      before: { status: 'scheduled', batchId: batch.id },
      after: { status: 'cancelled', batchId: null },
    });
    expect((await events('payment_batch', batch.id)).find((e) => e.action === 'payment_batch.remove')).toMatchObject({
      before: { count: 2, total: '12000.00' },
      after: { count: 1, total: '7000.00', removed: a.paymentReference },
    });
    // the released commitment can pay a new tranche, which may go into another batch
    const again = await tranche(award.id, '5000.00');
    expect((await as('finance').post('/payment-batches', { disbursementIds: [again.id] })).status).toBe(201);

    expect((await as('finance').post(`/disbursements/${b.id}/cancel`, { note: 'paid by another donor' })).status).toBe(200);
    const empty = await as('finance').post(`/payment-batches/${batch.id}/sent`);
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('BATCH_EMPTY');
  });

  it('keeps every tranche in its batch once the bank file was downloaded: the bank may pay it', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '3000.00');
    const batch = (await as('finance').post('/payment-batches', { disbursementIds: [a.id] })).body;
    expect((await as('finance').get(`/payment-batches/${batch.id}/export.csv`)).status).toBe(200);
    const refused = await as('finance').post(`/disbursements/${a.id}/cancel`, { note: 'changed my mind' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DISBURSEMENT_IN_BATCH', batchId: batch.id });
    const after = (await as('finance').get(`/payment-batches/${batch.id}`)).body;
    expect(after).toMatchObject({
      count: 1,
      total: '3000.00',
      exportedAt: expect.any(String),
      lines: [{ disbursementId: a.id, status: 'scheduled' }],
    });
    // the way out: send it, and mark it failed if the bank does not pay
    expect((await as('finance').post(`/payment-batches/${batch.id}/sent`)).status).toBe(200);
    expect((await as('finance').post(`/disbursements/${a.id}/fail`, { note: 'the bank returned it' })).status).toBe(200);
  });

  it('marks a batch sent once: its disbursements are sent, can no longer be cancelled or batched again', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '5000.00');
    const batch = (await as('finance').post('/payment-batches', { disbursementIds: [a.id] })).body;
    const sent = await as('finance').post(`/payment-batches/${batch.id}/sent`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', lines: [{ disbursementId: a.id, status: 'sent' }] });
    expect(sent.body.sentAt).toEqual(expect.any(String));
    expect((await as('finance').get(`/disbursements/${a.id}`)).body.status).toBe('sent');
    expect((await as('finance').post(`/payment-batches/${batch.id}/sent`)).body.code).toBe('BATCH_NOT_OPEN');
    expect((await as('finance').post(`/disbursements/${a.id}/cancel`, { note: 'too late now' })).body.code).toBe(
      'DISBURSEMENT_NOT_CANCELLABLE',
    );
    expect((await as('finance').get('/payment-batches?status=sent')).body.items.map((b: { id: string }) => b.id)).toContain(batch.id);
    // the sent file can be downloaded again
    expect((await as('finance').get(`/payment-batches/${batch.id}/export.csv`)).text).toContain(a.paymentReference);
  });

  it('sends only the scheduled tranches of a batch (one paid before it went stays paid), audited, after checking the version', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '100.00');
    const b = await tranche(award.id, '200.00');
    const batch = (await as('finance').post('/payment-batches', { disbursementIds: [a.id, b.id] })).body;
    // the bank paid b before the file was marked sent (a statement matched it)
    const csv = `bookingDate,amount,currency,reference,counterparty,bankTransactionId\n2026-11-30,-200.00,KZT,${b.paymentReference},X,TX-${randomUUID()}\n`;
    expect((await as('finance').post('/bank-statements', csv, { contentType: 'text/csv' })).body).toMatchObject({ matched: 1 });
    const stale = await as('finance').post(`/payment-batches/${batch.id}/sent`, { version: batch.version - 1 });
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await as('finance').post(`/payment-batches/${randomUUID()}/sent`)).status).toBe(404);
    const sent = await as('finance').post(`/payment-batches/${batch.id}/sent`, { version: batch.version });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual((await as('finance').get(`/payment-batches/${batch.id}`)).body);
    expect(sent.body).toMatchObject({ status: 'sent', version: batch.version + 1, sentAt: expect.any(String) });
    expect(new Map(sent.body.lines.map((l: { disbursementId: string; status: string }) => [l.disbursementId, l.status]))).toEqual(
      new Map([
        [a.id, 'sent'],
        [b.id, 'paid'],
      ]),
    );
    const events = async (type: string, id: string) =>
      (await as('auditor').get(`/audit-events?entityType=${type}&entityId=${id}`)).body.items.map(
        (e: { action: string; before: unknown; after: unknown }) => [e.action, e.before, e.after],
      );
    expect(await events('payment_batch', batch.id)).toContainEqual([
      'payment_batch.sent',
      { status: 'open' },
      { status: 'sent', disbursements: 1 },
    ]);
    expect((await events('disbursement', a.id)).filter(([action]: [string]) => action === 'disbursement.send')).toEqual([
      [
        'disbursement.send',
        { status: 'scheduled' },
        { status: 'sent', batchId: batch.id, paymentReference: a.paymentReference, amount: '100.00' },
      ],
    ]);
    expect((await events('disbursement', b.id)).map(([action]: [string]) => action)).not.toContain('disbursement.send');
    expect((await as('auditor').get('/audit-events/verify')).body).toMatchObject({ valid: true });
  });

  it('keeps batches to finance (and readers), and unknown batches answer 404', async () => {
    expect((await as('ngo.kz').post('/payment-batches', { disbursementIds: [randomUUID()] })).status).toBe(403);
    expect((await as('admin').get(`/payment-batches/${randomUUID()}`)).status).toBe(404);
    expect((await as('finance').get(`/payment-batches/${randomUUID()}/export.csv`)).status).toBe(404);
  });
});
