import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { approvedAward, type ApprovedAward } from '../helpers/flows.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { withinOrExplain } from '../helpers/watchdog.js';

/** One step of the property (an operation and the invariant checks) takes well under a second; a stalled one fails with the database's state. */
const STEP_MS = 20_000;
const PROPERTY_MS = Number(process.env.PROPERTY_RUNS ?? 20) * 8 * 1000 + 60_000;

type Award = ApprovedAward;

describe('disbursements', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  const pay = (awardId: string, amount: string, key: string = randomUUID(), extra: object = {}) =>
    as('finance').post('/disbursements', { awardId, amount, method: 'bank_transfer', payee: null, ...extra }, { idempotencyKey: key });

  /** An approved award of 57000.50 KZT (45000.00 + 12000.50) for a new person. */
  const award = () => approvedAward(t);

  /** The award's committed amount and the sum of every ledger entry about it must agree. */
  const awardLedger = async (a: Award) => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT committed::text FROM award WHERE id = $1) AS committed,
              COALESCE(SUM(e.committed_delta), 0)::text AS ledger
         FROM fund_ledger_entry e
        WHERE (e.ref_type = 'application' AND e.ref_id = $2) OR (e.ref_type = 'award' AND e.ref_id = $1)
           OR (e.ref_type = 'disbursement' AND e.ref_id IN (SELECT id FROM disbursement WHERE award_id = $1))`,
      [a.id, a.applicationId],
    );
    return row as { committed: string; ledger: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'officer.kz', 'finance', 'auditor', 'admin'], tok);
  });
  afterAll(() => t.close());

  it('creates a scheduled tranche with a unique payment reference, paying the NGO on file, without any personal data', async () => {
    const { award: a, name, doc } = await award();
    const res = await pay(a.id, '30000.00');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      awardId: a.id,
      awardNumber: a.number,
      amount: '30000.00',
      currency: 'KZT',
      method: 'bank_transfer',
      status: 'scheduled',
      payee: { kind: 'organisation', name: 'Sana Sezim', bankName: 'Halyk Bank', ibanLast4: '6091' },
    });
    expect(res.body.paymentReference).toMatch(new RegExp(`^PAY-KZ-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(res.body.scheduledFor).toBe(new Date().toISOString().slice(0, 10));
    const seen = JSON.stringify([
      res.body,
      (await as('finance').get(`/disbursements?awardId=${a.id}`)).body,
      (await as('finance').get(`/awards/${a.id}`)).body,
    ]);
    for (const secret of [name.split(' ')[0], doc]) expect(seen).not.toContain(secret);
    const second = await pay(a.id, '1000.00');
    expect(second.body.paymentReference).not.toBe(res.body.paymentReference);
    expect((await as('auditor').get(`/disbursements/${res.body.id}`)).status).toBe(200);
  });

  it('answers a retry with the same key and body with the original response, and another body with 409', async () => {
    const { award: a } = await award();
    const key = randomUUID();
    const first = await pay(a.id, '20000.00', key);
    const again = await pay(a.id, '20000.00', key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await as('finance').get(`/disbursements/${first.body.id}`)).body).toEqual(first.body);
    // one audit event, naming the reference the row drew
    const events = (await as('auditor').get(`/audit-events?entityType=disbursement&entityId=${first.body.id}`)).body.items;
    expect(events.map((e: { action: string; after: unknown }) => [e.action, e.after])).toEqual([
      [
        'disbursement.create',
        { awardId: a.id, amount: '20000.00', method: 'bank_transfer', paymentReference: first.body.paymentReference, recommitted: '0.00' },
      ],
    ]);
    const { payee: _, ...withoutPayee } = { awardId: a.id, amount: '20000.00', method: 'bank_transfer', payee: null };
    const omitted = await as('finance').post('/disbursements', withoutPayee, { idempotencyKey: key }); // no payee is the same request as payee: null
    expect([omitted.status, omitted.headers['idempotent-replayed'], omitted.body.id]).toEqual([201, 'true', first.body.id]);
    const other = await pay(a.id, '20000.01', key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await as('finance').get(`/disbursements?awardId=${a.id}`)).body.items).toHaveLength(1);
  });

  it('requires the Idempotency-Key header', async () => {
    const { award: a } = await award();
    const res = await as('finance').post('/disbursements', { awardId: a.id, amount: '1.00', method: 'bank_transfer' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect((await pay(a.id, '1.00', 'has space')).status).toBe(400);
  });

  it('makes one disbursement of 20 concurrent requests with one key', async () => {
    const { award: a } = await award();
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => pay(a.id, '5000.00', key)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM disbursement WHERE award_id = $1', [a.id]);
    expect(rows[0].n).toBe(1);
  });

  it('never lets the tranches of an award add up to more than it grants, also when they race', async () => {
    const { award: a } = await award();
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(a.id, '10000.00')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'OVER_AWARD', remaining: '7000.50' });
    expect((await pay(a.id, '7000.51')).status).toBe(409);
    expect((await pay(a.id, '7000.50')).status).toBe(201);
    expect((await pay(a.id, '0.01')).body).toMatchObject({ code: 'OVER_AWARD', remaining: '0.00' });
  });

  it('releases a cancelled tranche to the fund and commits it again for a later one', async () => {
    const { award: a } = await award();
    const fund = async () => (await as('admin').get(`/funds/${a.fundId}`)).body.ledger as { committed: string; available: string };
    const d = (await pay(a.id, '45000.00')).body;
    const before = await fund();
    const cancelled = await as('finance').post(`/disbursements/${d.id}/cancel`, { note: 'Wrong tranche size' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelNote: 'Wrong tranche size' });
    const after = await fund();
    expect(Number(before.committed) - Number(after.committed)).toBeCloseTo(45000, 2);
    expect(Number(after.available) - Number(before.available)).toBeCloseTo(45000, 2);
    expect(await awardLedger(a)).toEqual({ committed: '12000.50', ledger: '12000.50' });
    expect((await as('finance').post(`/disbursements/${d.id}/cancel`, { note: 'again' })).status).toBe(409);

    // the whole award again: 12000.50 still committed, 45000.00 committed again
    const full = await pay(a.id, '57000.50');
    expect(full.status).toBe(201);
    expect(await awardLedger(a)).toEqual({ committed: '57000.50', ledger: '57000.50' });
    const entries = (await as('admin').get(`/funds/${a.fundId}/ledger-entries?limit=100`)).body.items as {
      kind: string;
      refType: string;
      refId: string;
      committedDelta: string;
    }[];
    expect(entries.filter((e) => e.refId === d.id).map((e) => [e.kind, e.committedDelta])).toEqual([['release', '-45000.00']]);
    expect(entries.filter((e) => e.refType === 'award' && e.refId === a.id).map((e) => [e.kind, e.committedDelta])).toEqual([
      ['commit', '45000.00'],
    ]);
    const audit = (await as('auditor').get(`/audit-events?entityType=disbursement&entityId=${d.id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit.sort()).toEqual(['disbursement.cancel', 'disbursement.create']);
  });

  it('refuses malformed tranches, payees that do not fit the method, other roles, and lowering an award below its tranches', async () => {
    const { award: a } = await award();
    const bad = await as('finance').post(
      '/disbursements',
      { awardId: 'x', amount: '-1', method: 'cheque' },
      { idempotencyKey: randomUUID() },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['amount', 'awardId', 'method']);
    expect((await pay(a.id, '100.00', randomUUID(), { method: 'vendor_payment' })).body.details).toEqual([
      expect.objectContaining({ field: 'payee' }),
    ]);
    const vendor = await pay(a.id, '100.00', randomUUID(), {
      method: 'vendor_payment',
      payee: { name: 'Shymkent Clinic LLP', bankName: 'Kaspi', iban: 'KZ64722S000001234567', bic: 'CASPKZKA' },
    });
    expect(vendor.status).toBe(201);
    expect(vendor.body.payee).toEqual({ kind: 'vendor', name: 'Shymkent Clinic LLP', bankName: 'Kaspi', ibanLast4: '4567' });
    expect((await pay(a.id, '1.00', randomUUID(), { payee: { name: 'Someone else' } })).status).toBe(400);
    expect((await pay(randomUUID(), '1.00')).status).toBe(404);
    expect(
      (await as('ngo.kz').post('/disbursements', { awardId: a.id, amount: '1.00', method: 'cash' }, { idempotencyKey: randomUUID() }))
        .status,
    ).toBe(403);
    expect((await as('officer.kz').post(`/disbursements/${vendor.body.id}/cancel`, { note: 'not mine' })).status).toBe(403);

    await pay(a.id, '40000.00');
    const lower = await as('officer.kz').post(`/awards/${a.id}/amendments`, {
      version: a.version,
      reason: 'The clinic lowered its estimate.',
      items: [{ itemId: a.items[0].itemId, approvedAmount: '20000.00' }],
    });
    expect(lower.status).toBe(409);
    expect(lower.body).toMatchObject({ code: 'AMENDMENT_BELOW_TRANCHES', tranches: '40100.00' });
  });

  /** Long property runs (PROPERTY_RUNS) would use up the fund and make later requests ineligible: top it up. */
  const keepFundOpen = async () => {
    const fund = (await as('admin').get('/funds?country=KZ')).body.items[0];
    if (Number(fund.ledger.available) >= 1_000_000) return;
    const r = await as('admin').patch(`/funds/${fund.id}`, {
      version: fund.version,
      budget: (Number(fund.ledger.budget) + 10_000_000).toFixed(2),
    });
    expect(r.status).toBe(200);
  };

  it(
    'keeps the money right through any sequence of approvals, tranches, batches, statements, manual matches, cancellations, failures and amendments (property)',
    async () => {
      const pick = fc.nat();
      const op = fc.oneof(
        fc.record({ kind: fc.constant('approve' as const) }),
        fc.record({ kind: fc.constant('pay' as const), award: pick, cents: fc.integer({ min: 1, max: 3_000_000 }) }),
        fc.record({ kind: fc.constant('cancel' as const), award: pick, pick }),
        fc.record({ kind: fc.constant('amend' as const), award: pick, cents: fc.integer({ min: 1, max: 4_500_000 }) }),
        fc.record({ kind: fc.constant('batch' as const), award: pick }),
        fc.record({ kind: fc.constant('send' as const) }),
        fc.record({ kind: fc.constant('statement' as const), award: pick, pick, off: fc.constantFrom(0, 0, 1), twice: fc.boolean() }),
        fc.record({ kind: fc.constant('fail' as const), award: pick, pick }),
        fc.record({ kind: fc.constant('match' as const), award: pick, pick }),
        fc.record({ kind: fc.constant('unmatch' as const), award: pick, pick }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
          await keepFundOpen();
          // the run's awards: one to start with, more as `approve` steps come
          const awards: { award: Award; version: number }[] = [{ award: (await award()).award, version: 0 }];
          awards[0].version = awards[0].award.version;
          const batches: string[] = [];
          const list = async (a: Award, status?: string) =>
            (await as('finance').get(`/disbursements?awardId=${a.id}&limit=100${status ? `&status=${status}` : ''}`)).body.items as {
              id: string;
              amount: string;
              status: string;
              paymentReference: string;
              batchId: string | null;
            }[];
          for (const [step, o] of ops.entries())
            await withinOrExplain(t, `step ${step + 1} of ${JSON.stringify(ops)}`, STEP_MS, async () => {
              const held = 'award' in o ? awards[o.award % awards.length] : awards[0];
              const a = held.award;
              if (o.kind === 'approve') {
                const next = (await award()).award;
                awards.push({ award: next, version: next.version });
              } else if (o.kind === 'pay') {
                const r = await pay(a.id, (o.cents / 100).toFixed(2));
                expect([201, 409]).toContain(r.status);
              } else if (o.kind === 'cancel') {
                // a scheduled tranche, in an open batch or not
                const scheduled = await list(a, 'scheduled');
                if (scheduled.length)
                  expect(
                    (
                      await as('finance').post(`/disbursements/${scheduled[o.pick % scheduled.length].id}/cancel`, {
                        note: 'property test',
                      })
                    ).status,
                  ).toBe(200);
              } else if (o.kind === 'amend') {
                const r = await as('officer.kz').post(`/awards/${a.id}/amendments`, {
                  version: held.version,
                  reason: 'Property test change',
                  items: [{ itemId: a.items[0].itemId, approvedAmount: (o.cents / 100).toFixed(2) }],
                });
                expect([200, 400, 409]).toContain(r.status);
                if (r.status === 200) held.version = r.body.version;
              } else if (o.kind === 'batch') {
                const free = (await list(a, 'scheduled')).filter((d) => !d.batchId);
                if (free.length) {
                  const batch = await as('finance').post('/payment-batches', { disbursementIds: free.map((d) => d.id) });
                  expect(batch.status).toBe(201);
                  batches.push(batch.body.id);
                }
              } else if (o.kind === 'send') {
                // every open batch of the run goes to the bank; one left empty by cancellations is refused
                for (const id of batches.splice(0)) {
                  const r = await as('finance').post(`/payment-batches/${id}/sent`);
                  expect(r.status === 200 || (r.status === 409 && r.body.code === 'BATCH_EMPTY')).toBe(true);
                }
              } else if (o.kind === 'fail') {
                const sent = await list(a, 'sent');
                if (sent.length)
                  expect(
                    (await as('finance').post(`/disbursements/${sent[o.pick % sent.length].id}/fail`, { note: 'property test' })).status,
                  ).toBe(200);
              } else if (o.kind === 'match' || o.kind === 'unmatch') {
                const refs = (await list(a)).map((d) => d.paymentReference);
                const lines = (await t.dataSource.query(
                  `SELECT id, disbursement_id FROM bank_statement_line WHERE reference = ANY($1) AND status ${o.kind === 'match' ? "<> 'matched'" : "= 'matched'"} ORDER BY line_number, id`,
                  [refs],
                )) as { id: string; disbursement_id: string | null }[];
                const sent = await list(a, 'sent');
                if (lines.length && (o.kind === 'unmatch' || sent.length)) {
                  const line = lines[o.pick % lines.length];
                  const r =
                    o.kind === 'match'
                      ? await as('finance').post('/reconciliation/matches', {
                          statementLineId: line.id,
                          disbursementId: sent[o.pick % sent.length].id,
                          note: 'property test',
                        })
                      : await as('finance').post('/reconciliation/unmatches', { statementLineId: line.id, note: 'property test' });
                  expect(r.status).toBe(200);
                }
              } else {
                const sent = await list(a, 'sent');
                const target = sent[o.pick % Math.max(1, sent.length)] ?? (await list(a, 'paid'))[0];
                if (target) {
                  const amount = (Number(target.amount) + o.off / 100).toFixed(2);
                  const line = () => `2026-11-30,-${amount},KZT,${target.paymentReference},NGO,TX-${randomUUID()}`;
                  const r = await as('finance').post(
                    '/bank-statements',
                    ['bookingDate,amount,currency,reference,counterparty,bankTransactionId', line(), ...(o.twice ? [line()] : [])].join(
                      '\n',
                    ),
                    { contentType: 'text/csv' },
                  );
                  expect(r.status).toBe(200);
                }
              }
              // invariants after every step, for every award of the run
              const cents = (xs: { amount: string }[]) => xs.reduce((sum, d) => sum + Math.round(Number(d.amount) * 100), 0);
              for (const { award: x } of awards) {
                const now = (await as('finance').get(`/awards/${x.id}`)).body as Award;
                const all = await list(x);
                const live = all.filter((d) => d.status === 'scheduled' || d.status === 'sent' || d.status === 'paid'); // cancelled and failed tranches gave their money back
                const unpaid = cents(all.filter((d) => d.status === 'scheduled' || d.status === 'sent'));
                expect(cents(live)).toBeLessThanOrEqual(Math.round(Number(now.amount) * 100)); // never over the award
                for (const d of all) if (d.batchId) expect(d.status).not.toBe('cancelled'); // a cancelled tranche left its batch
                const ledger = await awardLedger(x);
                expect(ledger.committed).toBe(ledger.ledger);
                expect(Math.round(Number(ledger.committed) * 100)).toBeGreaterThanOrEqual(unpaid);
                const [pays] = await t.dataSource.query(
                  `SELECT COALESCE(max(n), 0)::int AS most FROM (
                 SELECT count(*) AS n FROM fund_ledger_entry e
                  WHERE e.kind = 'pay' AND e.ref_id IN (SELECT id FROM disbursement WHERE award_id = $1)
                    AND NOT EXISTS (SELECT 1 FROM fund_ledger_entry r WHERE r.reverses_id = e.id)
                  GROUP BY e.ref_id) x`,
                  [x.id],
                );
                expect(pays.most).toBeLessThanOrEqual(1); // never paid twice (a reversed payment no longer counts)
              }
              // every fund figure is the sum of its entries, committed is what its awards hold, disbursed what was paid
              const f = (await as('admin').get(`/funds/${a.fundId}`)).body.ledger;
              const [sums] = await t.dataSource.query(
                `SELECT (SELECT sum(budget_delta)::text FROM fund_ledger_entry WHERE fund_id = $1) AS budget,
                    (SELECT COALESCE(sum(committed_delta), 0)::text FROM fund_ledger_entry WHERE fund_id = $1) AS committed,
                    (SELECT COALESCE(sum(disbursed_delta), 0)::text FROM fund_ledger_entry WHERE fund_id = $1) AS disbursed,
                    (SELECT COALESCE(sum(committed), 0)::text FROM award WHERE fund_id = $1) AS awards,
                    (SELECT COALESCE(sum(amount), 0)::text FROM disbursement WHERE fund_id = $1 AND status = 'paid') AS paid`,
                [a.fundId],
              );
              expect([f.budget, f.committed, f.disbursed]).toEqual(
                [sums.budget, sums.committed, sums.disbursed].map((v: string) => Number(v).toFixed(2)),
              );
              expect(Number(sums.awards).toFixed(2)).toBe(f.committed);
              expect(Number(sums.paid).toFixed(2)).toBe(f.disbursed);
              expect(Math.round(Number(f.budget) * 100)).toBe(
                Math.round(Number(f.committed) * 100) + Math.round(Number(f.disbursed) * 100) + Math.round(Number(f.available) * 100),
              );
            });
        }),
        // a failure is reported with its seed and shrunk within the time left; Jest's own timeout is the last resort
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 20), interruptAfterTimeLimit: PROPERTY_MS, markInterruptAsFailure: true },
      );
    },
    PROPERTY_MS + 60_000,
  );
});
