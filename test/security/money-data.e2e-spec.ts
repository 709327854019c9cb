import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedAward } from '../helpers/flows.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const HEADER = 'bookingDate,amount,currency,reference,counterparty,bankTransactionId';
/** A Kazakh IBAN with good check digits, and the same with its check digits off by one. */
const IBAN = 'KZ64722S000001234567';
const BAD_CHECK_DIGITS = 'KZ65722S000001234567';

describe('money data (issue 16, point 7)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  const tranche = async (awardId: string, amount: string, over: object = {}) => {
    const r = await as('finance').post(
      '/disbursements',
      { awardId, amount, method: 'bank_transfer', payee: null, ...over },
      { idempotencyKey: randomUUID() },
    );
    expect([r.status, r.body.code]).toEqual([201, undefined]);
    return r.body as { id: string; paymentReference: string };
  };
  const send = async (id: string) => {
    const batch = await as('finance').post('/payment-batches', { disbursementIds: [id] });
    expect(batch.status).toBe(201);
    expect((await as('finance').post(`/payment-batches/${batch.body.id}/sent`)).status).toBe(200);
  };
  const importCsv = async (...lines: string[]) => {
    const res = await as('finance').post('/bank-statements', [HEADER, ...lines].join('\n'), { contentType: 'text/csv' });
    expect(res.status).toBe(200);
    return res.body as { statementId: string; imported: number; matched: number; unmatched: number };
  };
  const linesOf = async (statementId: string) =>
    (await as('finance').get('/reconciliation/exceptions?limit=100')).body.items.filter(
      (l: { statementId: string }) => l.statementId === statementId,
    ) as { id: string; status: string; note: string }[];
  const statusOf = async (id: string) => (await as('finance').get(`/disbursements/${id}`)).body.status as string;
  const committed = async (awardId: string) =>
    (await t.dataSource.query('SELECT committed::text AS c FROM award WHERE id = $1', [awardId]))[0].c as string;

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['finance', 'admin'], tok);
  });
  afterAll(() => t.close());

  it('refuses an IBAN whose check digits are wrong, for an organisation and for a supplier, naming the field', async () => {
    const org = await as('admin').post('/organisations', {
      name: 'Checksum Shelter',
      country: 'KZ',
      registrationNumber: `REG-${randomUUID().slice(0, 8)}`,
      contactEmail: 'office@checksum.example.org',
      address: 'Almaty',
      bankAccount: { bankName: 'Halyk Bank', iban: BAD_CHECK_DIGITS, bic: 'HSBKKZKX' },
    });
    expect(org.status).toBe(400);
    expect(org.body.details.map((d: { field: string }) => d.field)).toEqual(['bankAccount.iban']);

    const { award } = await approvedAward(t);
    const vendor = await as('finance').post(
      '/disbursements',
      {
        awardId: award.id,
        amount: '100.00',
        method: 'vendor_payment',
        payee: { name: 'Clinic LLP', bankName: 'Kaspi', iban: BAD_CHECK_DIGITS },
      },
      { idempotencyKey: randomUUID() },
    );
    expect(vendor.status).toBe(400);
    expect(vendor.body.details.map((d: { field: string }) => d.field)).toEqual(['payee.iban']);
  });

  it("keeps a supplier's IBAN encrypted at rest, and only its last four digits in answers", async () => {
    const { award } = await approvedAward(t);
    const { id } = await tranche(award.id, '100.00', {
      method: 'vendor_payment',
      payee: { name: 'Shymkent Clinic LLP', bankName: 'Kaspi', iban: IBAN, bic: 'CASPKZKA' },
    });
    const [row] = await t.dataSource.query('SELECT row_to_json(d)::text AS raw FROM disbursement d WHERE id = $1', [id]);
    expect(row.raw).not.toContain(IBAN);
    expect(row.raw).not.toContain(IBAN.slice(4));
    expect(row.raw).toContain('Shymkent Clinic LLP');
    expect((await as('finance').get(`/disbursements/${id}`)).body.payee).toMatchObject({ ibanLast4: '4567' });
    expect(JSON.stringify((await as('finance').get(`/disbursements/${id}`)).body)).not.toContain(IBAN);
  });

  it('never pays a tranche with money that came in: an incoming line with its reference is an exception', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '2500.00');
    await send(a.id);
    const imported = await importCsv(`2026-11-30,2500.00,KZT,${a.paymentReference},Sana Sezim,TX-${randomUUID()}`);
    expect(imported).toMatchObject({ imported: 1, matched: 0, unmatched: 1 });
    expect(await statusOf(a.id)).toBe('sent');
    const [line] = await linesOf(imported.statementId);
    expect(line.status).toBe('unmatched');

    // nor by hand
    const manual = await as('finance').post('/reconciliation/matches', {
      statementLineId: line.id,
      disbursementId: a.id,
      note: 'The bank cut the reference',
    });
    expect(manual.status).toBe(409);
    expect(manual.body.code).toBe('LINE_IS_INCOMING');
    expect(await statusOf(a.id)).toBe('sent');
  });

  it('matches a returned transfer of a paid tranche as a return: the tranche fails, its money is committed to the award again, audited', async () => {
    const { award } = await approvedAward(t);
    const committedBefore = await committed(award.id);
    const a = await tranche(award.id, '3000.00');
    await send(a.id);
    const paid = await importCsv(`2026-11-30,-3000.00,KZT,${a.paymentReference},Sana Sezim,TX-${randomUUID()}`);
    expect(paid.matched).toBe(1);
    expect(await statusOf(a.id)).toBe('paid');
    expect(Number(committedBefore) - Number(await committed(award.id))).toBeCloseTo(3000, 2);

    const fundBefore = (await as('admin').get(`/funds/${award.fundId}`)).body.ledger;
    const returned = await importCsv(`2026-12-01,3000.00,KZT,${a.paymentReference},Sana Sezim,TX-${randomUUID()}`);
    expect(returned.matched).toBe(0);
    expect(await statusOf(a.id)).toBe('failed');
    expect(await committed(award.id)).toBe(committedBefore);
    const fundAfter = (await as('admin').get(`/funds/${award.fundId}`)).body.ledger;
    expect(Number(fundAfter.disbursed) - Number(fundBefore.disbursed)).toBeCloseTo(-3000, 2);
    expect(Number(fundAfter.committed) - Number(fundBefore.committed)).toBeCloseTo(3000, 2);
    const events = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [a.id]);
    expect(events.map((e: { action: string }) => e.action)).toContain('disbursement.return');
  });

  it('refuses a manual match for another amount than the tranche', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '4000.00');
    await send(a.id);
    const imported = await importCsv(`2026-11-30,-3990.00,KZT,,Sana Sezim,TX-${randomUUID()}`);
    const [line] = await linesOf(imported.statementId);
    const res = await as('finance').post('/reconciliation/matches', {
      statementLineId: line.id,
      disbursementId: a.id,
      note: 'Bank fee of 10.00 deducted',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'MATCH_AMOUNT_DIFFERS', lineAmount: '-3990.00', disbursementAmount: '4000.00' });
    expect(await statusOf(a.id)).toBe('sent');
  });
});
