import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SchedulerService } from '../../src/modules/scheduler/scheduler.service.js';
import { approvedAward } from '../helpers/flows.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const HEADER = 'bookingDate,amount,currency,reference,counterparty,bankTransactionId';

describe('bank statements and reconciliation', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  const tranche = async (awardId: string, amount: string) => {
    const r = await as('finance').post(
      '/disbursements',
      { awardId, amount, method: 'bank_transfer', payee: null },
      { idempotencyKey: randomUUID() },
    );
    expect(r.status).toBe(201);
    return r.body as { id: string; paymentReference: string; fundId: string };
  };
  const send = async (...ids: string[]) => {
    const batch = await as('finance').post('/payment-batches', { disbursementIds: ids });
    expect(batch.status).toBe(201);
    expect((await as('finance').post(`/payment-batches/${batch.body.id}/sent`)).status).toBe(200);
  };
  const importCsv = (csv: string, type = 'text/csv') => as('finance').post('/bank-statements', csv, { contentType: type });
  const tx = () => `TX-${randomUUID()}`;
  const ledgerCount = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM fund_ledger_entry'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['finance', 'auditor', 'admin', 'ngo.kz'], tok);
  });
  afterAll(() => t.close());

  it('matches by reference and exact amount, and sorts the rest into exceptions with a reason', async () => {
    const { award, name } = await approvedAward(t);
    const a = await tranche(award.id, '30000.00');
    const b = await tranche(award.id, '15000.00');
    await send(a.id, b.id);
    const fundBefore = (await as('admin').get(`/funds/${award.fundId}`)).body.ledger;
    const csv = [
      HEADER,
      `2026-11-30,-30000.00,KZT,${a.paymentReference},Sana Sezim,${tx()}`,
      `2026-11-30,-15000.01,KZT,${b.paymentReference},Sana Sezim,${tx()}`,
      `2026-11-30,-500.00,KZT,PAY-KZ-2026-999999,Someone,${tx()}`,
      `2026-11-30,1200.00,KZT,,Bank fee refund,${tx()}`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ statementId: expect.any(String), imported: 4, skipped: 0, matched: 1, amountMismatch: 1, unmatched: 2 });

    expect((await as('finance').get(`/disbursements/${a.id}`)).body).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
    expect((await as('finance').get(`/disbursements/${b.id}`)).body.status).toBe('sent');
    const fundAfter = (await as('admin').get(`/funds/${award.fundId}`)).body.ledger;
    expect(Number(fundBefore.committed) - Number(fundAfter.committed)).toBeCloseTo(30000, 2);
    expect(Number(fundAfter.disbursed) - Number(fundBefore.disbursed)).toBeCloseTo(30000, 2);
    expect(fundAfter.available).toBe(fundBefore.available);
    const entries = (await as('admin').get(`/funds/${award.fundId}/ledger-entries?limit=100`)).body.items;
    expect(
      entries
        .filter((e: { refId: string }) => e.refId === a.id)
        .map((e: { kind: string; committedDelta: string; disbursedDelta: string }) => [e.kind, e.committedDelta, e.disbursedDelta]),
    ).toEqual([['pay', '-30000.00', '30000.00']]);
    const committed = (await t.dataSource.query('SELECT committed::text AS c FROM award WHERE id = $1', [award.id]))[0].c;
    expect(committed).toBe('27000.50');

    const exceptions = (await as('finance').get('/reconciliation/exceptions?limit=100')).body.items.filter(
      (l: { statementId: string }) => l.statementId === res.body.statementId,
    );
    expect(exceptions.map((l: { lineNumber: number; status: string; note: string }) => [l.lineNumber, l.status, l.note]).sort()).toEqual([
      [3, 'amount_mismatch', 'the disbursement with this reference is 15000.00 KZT'],
      [4, 'unmatched', 'no disbursement has this reference'],
      [5, 'unmatched', 'no reference'],
    ]);
    expect(exceptions.find((l: { lineNumber: number }) => l.lineNumber === 3).disbursement).toMatchObject({
      id: b.id,
      paymentReference: b.paymentReference,
    });
    expect(JSON.stringify(exceptions)).not.toContain(name.split(' ')[0]);
    const audit = (await as('auditor').get(`/audit-events?entityType=bank_statement&entityId=${res.body.statementId}`)).body.items;
    // the counts come from the lines the import wrote, in the statement that commits it
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'bank_statement.import',
        after: {
          imported: 4,
          skipped: 0,
          matched: 1,
          amountMismatch: 1,
          unmatched: 2,
          lines: 4,
          closedAwards: 0,
          sha256: createHash('sha256').update(csv).digest('hex'),
        },
      }),
    ]);
    const [saved] = await t.dataSource.query(
      'SELECT lines, imported, skipped, matched, amount_mismatch AS "amountMismatch", unmatched FROM bank_statement WHERE id = $1',
      [res.body.statementId],
    );
    expect(saved).toEqual({ lines: 4, imported: 4, skipped: 0, matched: 1, amountMismatch: 1, unmatched: 2 });
  });

  it('changes nothing when the same statement is imported again, also at the same time', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '1000.00');
    await send(a.id);
    const csv =
      [HEADER, `2026-11-30,-1000.00,KZT,${a.paymentReference},Sana Sezim,${tx()}`, `2026-11-30,-1.00,KZT,,Fee,${tx()}`].join('\r\n') +
      '\r\n';
    const [one, two] = await Promise.all([importCsv(csv), importCsv(csv)]);
    const bodies = [one.body, two.body].sort((x, y) => y.imported - x.imported);
    expect(bodies[0]).toMatchObject({ imported: 2, skipped: 0, matched: 1 });
    expect(bodies[1]).toMatchObject({ imported: 0, skipped: 2, matched: 0, amountMismatch: 0, unmatched: 0 });
    const entries = await ledgerCount();
    const third = await importCsv(csv);
    expect(third.body).toMatchObject({ imported: 0, skipped: 2, matched: 0 });
    expect(await ledgerCount()).toBe(entries);
    const pays = await t.dataSource.query(`SELECT count(*)::int AS n FROM fund_ledger_entry WHERE kind = 'pay' AND ref_id = $1`, [a.id]);
    expect(pays[0].n).toBe(1);
  });

  it('pays a disbursement once even when two lines of the statement carry its reference and amount', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '2000.00');
    await send(a.id);
    const res = await importCsv(
      [HEADER, `2026-11-30,-2000.00,KZT,${a.paymentReference},X,${tx()}`, `2026-12-01,-2000.00,KZT,${a.paymentReference},X,${tx()}`].join(
        '\n',
      ),
    );
    expect(res.body).toMatchObject({ matched: 1, unmatched: 1 });
    const again = await importCsv([HEADER, `2026-12-02,-2000.00,KZT,${a.paymentReference},X,${tx()}`].join('\n'));
    expect(again.body).toMatchObject({ matched: 0, unmatched: 1 });
    const notes = (await as('finance').get('/reconciliation/exceptions?limit=100')).body.items
      .filter((l: { reference: string }) => l.reference === a.paymentReference)
      .map((l: { note: string }) => l.note);
    expect(notes.sort()).toEqual([
      'the disbursement with this reference is already matched on this statement',
      'the disbursement with this reference is already paid',
    ]);
  });

  it('closes an award once all of it is paid, with an audit event for each tranche sent and one for the award paying them', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '40000.00');
    const b = await tranche(award.id, '17000.50');
    await send(a.id, b.id);
    const [txA, txB] = [tx(), tx()];
    await importCsv(
      [
        HEADER,
        `2026-11-30,-40000.00,KZT,${a.paymentReference},Sana Sezim,${txA}`,
        `2026-11-30,-17000.50,KZT,${b.paymentReference},Sana Sezim,${txB}`,
      ].join('\n'),
    );
    const closed = (await as('finance').get(`/awards/${award.id}`)).body;
    expect(closed.status).toBe('closed');
    const events = async (type: string, id: string) =>
      (await as('auditor').get(`/audit-events?entityType=${type}&entityId=${id}`)).body.items.map(
        (e: { action: string; actorId: string; before: object; after: object }) => ({
          action: e.action,
          actorId: e.actorId,
          before: e.before,
          after: e.after,
        }),
      );
    const financeId = (await as('finance').get('/auth/me')).body.id;
    expect(financeId).toEqual(expect.any(String));
    expect((await events('disbursement', a.id)).find((e: { action: string }) => e.action === 'disbursement.send')).toEqual({
      action: 'disbursement.send',
      actorId: financeId,
      before: { status: 'scheduled' },
      after: { status: 'sent', batchId: expect.any(String), paymentReference: a.paymentReference, amount: '40000.00' },
    });
    expect((await events('disbursement', b.id)).map((e: { action: string }) => e.action).sort()).toEqual([
      'disbursement.create',
      'disbursement.send',
    ]);
    const byRef = [
      { disbursementId: a.id, paymentReference: a.paymentReference, amount: '40000.00', was: 'sent', bankTransactionId: txA },
      { disbursementId: b.id, paymentReference: b.paymentReference, amount: '17000.50', was: 'sent', bankTransactionId: txB },
    ].sort((x, y) => x.paymentReference.localeCompare(y.paymentReference));
    expect((await events('award', award.id)).filter((e: { action: string }) => e.action === 'award.pay')).toEqual([
      {
        action: 'award.pay',
        actorId: financeId,
        before: { status: 'active', committed: '57000.50' },
        after: { status: 'closed', committed: '0.00', paid: '57000.50', tranches: byRef },
      },
    ]);
    expect((await as('auditor').get('/audit-events/verify')).body).toMatchObject({ valid: true });
    expect((await t.dataSource.query('SELECT committed::text AS c FROM award WHERE id = $1', [award.id]))[0].c).toBe('0.00');
    const more = await as('finance').post(
      '/disbursements',
      { awardId: award.id, amount: '1.00', method: 'cash' },
      { idempotencyKey: randomUUID() },
    );
    expect(more.body.code).toBe('AWARD_NOT_ACTIVE');
  });

  it('stages a statement of more than 10,000 lines in several messages: a line after the first 10,000 pays its tranche', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '3000.00');
    await send(a.id);
    const fees = Array.from({ length: 10_000 }, (_, i) => `2026-11-30,-0.${String((i % 99) + 1).padStart(2, '0')},KZT,,Bank fee,${tx()}`);
    const res = await importCsv([HEADER, ...fees, `2026-11-30,-3000.00,KZT,${a.paymentReference},Sana Sezim,${tx()}`].join('\n'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 10_001, skipped: 0, matched: 1, amountMismatch: 0, unmatched: 10_000 });
    expect((await as('finance').get(`/disbursements/${a.id}`)).body.status).toBe('paid');
    const [line] = await t.dataSource.query('SELECT line_number AS n, status FROM bank_statement_line WHERE disbursement_id = $1', [a.id]);
    expect(line).toEqual({ n: 10_002, status: 'matched' });
  });

  it('refuses a line with a NUL character (PostgreSQL text cannot hold one), naming the line, and imports nothing', async () => {
    const good = tx();
    const res = await importCsv([HEADER, `2026-11-30,-10.00,KZT,,ok,${good}`, `2026-11-30,-10.00,KZT,PAY\u0000X,bad,${tx()}`].join('\n'));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'line 3', message: 'reference must not contain NUL characters' }]);
    expect(
      (await t.dataSource.query('SELECT count(*)::int AS n FROM bank_statement_line WHERE bank_transaction_id = $1', [good]))[0].n,
    ).toBe(0);
  });

  it('refuses a malformed statement with every line at fault and imports nothing of it', async () => {
    const good = tx();
    const csv = [
      HEADER,
      `2026-11-30,-10.00,KZT,,ok,${good}`,
      `2026-13-01,-10.00,KZT,,bad date,${tx()}`,
      `2026-11-30,ten,EUR,,bad amount and currency,${tx()}`,
      `2026-11-30,-10.00,KZT,,missing id,`,
      `2026-11-30,-10.00,KZT,,repeated id,${good}`,
      `2026-11-30,-10.00,KZT`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['line 3', 'line 4', 'line 4', 'line 5', 'line 6', 'line 7']);
    expect(res.body.message).toMatch(/nothing of it was imported/);
    expect(
      (await t.dataSource.query('SELECT count(*)::int AS n FROM bank_statement_line WHERE bank_transaction_id = $1', [good]))[0].n,
    ).toBe(0);

    const header = await importCsv('date,amount\n2026-11-30,1.00\n');
    expect(header.status).toBe(400);
    expect(header.body.details.map((d: { message: string }) => d.message)).toEqual(
      expect.arrayContaining(['the header has no bookingDate column', 'the header has an unknown column "date"']),
    );
    expect((await importCsv('')).status).toBe(400);
    expect((await importCsv(`${HEADER}\n"2026-11-30,-1.00,KZT,,x,${tx()}\n`)).body.details[0].message).toMatch(/not valid CSV/);
    expect((await importCsv(`${HEADER}\n`, 'application/json')).status).toBe(400); // JSON parser: not a statement
    expect((await importCsv(`${HEADER}\n`, 'text/plain')).status).toBe(415);
  });

  it('counts the problems of a refused statement in words that agree: 1 problem, 2 problems, and 1 more problem', async () => {
    const one = await importCsv([HEADER, `2026-11-30,ten,KZT,,one bad line,${tx()}`].join('\n'));
    expect(one.status).toBe(400);
    expect(one.body.message).toBe('The statement has 1 problem; nothing of it was imported');
    const two = await importCsv([HEADER, `2026-11-30,ten,KZT,,bad,${tx()}`, `2026-11-30,eleven,KZT,,bad,${tx()}`].join('\n'));
    expect(two.body.message).toBe('The statement has 2 problems; nothing of it was imported');
    // 100 problems are listed; the 101st is counted
    const bad = Array.from({ length: 101 }, (_, i) => `2026-11-30,x${i},KZT,,bad,${tx()}`);
    const many = await importCsv([HEADER, ...bad].join('\n'));
    expect(many.body.message).toBe('The statement has 101 problems; nothing of it was imported');
    expect(many.body.details.at(-1)).toEqual({ field: 'lines', message: 'and 1 more problem' });
    const more = await importCsv([HEADER, ...bad, `2026-11-30,y,KZT,,bad,${tx()}`].join('\n'));
    expect(more.body.details.at(-1)).toEqual({ field: 'lines', message: 'and 2 more problems' });
    const short = await importCsv([HEADER, `2026-11-30`].join('\n'));
    expect(short.body.details).toEqual([{ field: 'line 2', message: expect.stringContaining('has 1 field, the header has 6') }]);
  });

  it('lets finance match an exception by hand and undo a wrong match, reversing the payment', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '57000.50');
    await send(a.id);
    const fund = async () => (await as('admin').get(`/funds/${award.fundId}`)).body.ledger as { committed: string; disbursed: string };
    const before = await fund();
    const imported = await importCsv(
      [HEADER, `2026-11-30,-56990.50,KZT,${a.paymentReference},Sana Sezim,${tx()}`, `2026-11-30,-57000.50,KZT,,Sana Sezim,${tx()}`].join(
        '\n',
      ),
    );
    expect(imported.body).toMatchObject({ amountMismatch: 1, unmatched: 1 });
    const lines = (await as('finance').get('/reconciliation/exceptions?limit=100')).body.items.filter(
      (l: { statementId: string }) => l.statementId === imported.body.statementId,
    );
    const short = lines.find((l: { status: string }) => l.status === 'amount_mismatch');
    const line = lines.find((l: { status: string }) => l.status === 'unmatched');

    // a line pays its tranche's exact amount only: a fee taken off is for the bank to explain
    const feeTaken = await as('finance').post('/reconciliation/matches', {
      statementLineId: short.id,
      disbursementId: a.id,
      note: 'Bank fee of 10.00 deducted',
    });
    expect(feeTaken.status).toBe(409);
    expect(feeTaken.body).toMatchObject({ code: 'MATCH_AMOUNT_DIFFERS', lineAmount: '-56990.50', disbursementAmount: '57000.50' });
    const matched = await as('finance').post('/reconciliation/matches', {
      statementLineId: line.id,
      disbursementId: a.id,
      note: 'The bank cut the reference',
    });
    expect(matched.status).toBe(200);
    expect(matched.body).toMatchObject({
      status: 'matched',
      note: 'The bank cut the reference',
      disbursement: { id: a.id, status: 'paid' },
    });
    expect((await as('finance').get(`/awards/${award.id}`)).body.status).toBe('closed');
    const paid = await fund();
    expect(Number(paid.disbursed) - Number(before.disbursed)).toBeCloseTo(57000.5, 2);
    expect(
      (await as('finance').post('/reconciliation/matches', { statementLineId: line.id, disbursementId: a.id, note: 'again please' })).body
        .code,
    ).toBe('LINE_ALREADY_MATCHED');

    const undone = await as('finance').post('/reconciliation/unmatches', { statementLineId: line.id, note: 'Wrong beneficiary account' });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'unmatched', note: 'Wrong beneficiary account', disbursement: null });
    expect((await as('finance').get(`/disbursements/${a.id}`)).body).toMatchObject({ status: 'sent', paidAt: null });
    expect((await as('finance').get(`/awards/${award.id}`)).body.status).toBe('active');
    const reopened = (await as('auditor').get(`/audit-events?entityType=award&entityId=${award.id}`)).body.items.filter(
      (e: { action: string }) => e.action === 'award.reopen',
    );
    expect(reopened).toEqual([
      expect.objectContaining({
        before: { status: 'closed' },
        after: { status: 'active', committed: '57000.50', note: 'Wrong beneficiary account' },
      }),
    ]);
    expect(await fund()).toEqual(before);
    const entries = (await as('admin').get(`/funds/${award.fundId}/ledger-entries?limit=100`)).body.items.filter(
      (e: { refId: string }) => e.refId === a.id,
    );
    const pay = entries.find((e: { kind: string }) => e.kind === 'pay');
    expect(entries.find((e: { kind: string }) => e.kind === 'reverse')).toMatchObject({
      reversesId: pay.id,
      committedDelta: '57000.50',
      disbursedDelta: '-57000.50',
    });
    expect((await as('finance').post('/reconciliation/unmatches', { statementLineId: line.id, note: 'and again' })).body.code).toBe(
      'LINE_NOT_MATCHED',
    );
    const actions = (await as('auditor').get(`/audit-events?entityType=bank_statement_line&entityId=${line.id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(actions.sort()).toEqual(['reconciliation.match', 'reconciliation.unmatch']);
    expect(
      (await as('finance').post('/reconciliation/matches', { statementLineId: randomUUID(), disbursementId: a.id, note: 'no such line' }))
        .status,
    ).toBe(404);
  });

  it('undoes a match of a tranche that never went to the bank back to scheduled, so it can still be cancelled', async () => {
    const { award } = await approvedAward(t);
    const cash = await as('finance').post(
      '/disbursements',
      { awardId: award.id, amount: '7000.00', method: 'cash', payee: null },
      { idempotencyKey: randomUUID() },
    );
    expect(cash.status).toBe(201);
    const imported = await importCsv([HEADER, `2026-11-30,-7000.00,KZT,${cash.body.paymentReference},Cash desk,${tx()}`].join('\n'));
    expect(imported.body).toMatchObject({ matched: 1 });
    const [{ id: lineId }] = await t.dataSource.query('SELECT id FROM bank_statement_line WHERE statement_id = $1', [
      imported.body.statementId,
    ]);
    const undone = await as('finance').post('/reconciliation/unmatches', {
      statementLineId: lineId,
      note: 'The cash desk booked another payment',
    });
    expect(undone.status).toBe(200);
    expect((await as('finance').get(`/disbursements/${cash.body.id}`)).body).toMatchObject({ status: 'scheduled', paidAt: null });
    expect((await as('finance').post(`/disbursements/${cash.body.id}/cancel`, { note: 'paid from another budget' })).status).toBe(200);
  });

  it('closes a partly paid award by hand once its tranches are settled: what is still committed goes back to the fund, and its follow-ups come', async () => {
    const { award } = await approvedAward(t); // 57000.50
    const paid = await tranche(award.id, '40000.00');
    const pending = await tranche(award.id, '10000.00');
    await send(paid.id);
    await importCsv([HEADER, `2026-11-30,-40000.00,KZT,${paid.paymentReference},Sana Sezim,${tx()}`].join('\n'));
    const close = (who: string, version: number, note = 'The beneficiary returned home early') =>
      as(who).post(`/awards/${award.id}/close`, { version, note });
    const version = () =>
      as('finance')
        .get(`/awards/${award.id}`)
        .then((r) => r.body.version as number);

    const early = await close('finance', await version());
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'TRANCHES_PENDING', unpaid: '10000.00' });
    expect((await as('finance').post(`/disbursements/${pending.id}/cancel`, { note: 'not needed any more' })).status).toBe(200);
    expect((await close('finance', (await version()) + 1)).body.code).toBe('VERSION_CONFLICT');
    expect((await close('ngo.kz', await version())).status).toBe(403);
    const bad = await as('finance').post(`/awards/${award.id}/close`, { version: 'x', note: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['note', 'version']);

    const fund = async () => (await as('admin').get(`/funds/${award.fundId}`)).body.ledger as { committed: string; available: string };
    const before = await fund();
    const closed = await close('finance', await version());
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', amount: '57000.50' });
    const after = await fund();
    expect(Math.round((Number(before.committed) - Number(after.committed)) * 100)).toBe(700050); // 57000.50 − 40000.00 paid − 10000.00 cancelled
    expect(Math.round((Number(after.available) - Number(before.available)) * 100)).toBe(700050);
    expect((await t.dataSource.query('SELECT committed::text AS c FROM award WHERE id = $1', [award.id]))[0].c).toBe('0.00');
    const entries = (await as('admin').get(`/funds/${award.fundId}/ledger-entries?limit=100`)).body.items.filter(
      (e: { refId: string; kind: string }) => e.refId === award.id && e.kind === 'release',
    );
    expect(entries).toEqual([expect.objectContaining({ committedDelta: '-7000.50', memo: `${award.number} closed` })]);
    const audit = (await as('auditor').get(`/audit-events?entityType=award&entityId=${award.id}`)).body.items.find(
      (e: { action: string }) => e.action === 'award.close',
    );
    expect(audit).toMatchObject({
      before: { status: 'active', committed: '7000.50' },
      after: { status: 'closed', committed: '0.00', paid: '40000.00', released: '7000.50', note: 'The beneficiary returned home early' },
    });

    expect((await close('finance', closed.body.version)).body.code).toBe('AWARD_NOT_ACTIVE');
    const more = await as('finance').post(
      '/disbursements',
      { awardId: award.id, amount: '1.00', method: 'cash', payee: null },
      { idempotencyKey: randomUUID() },
    );
    expect(more.body.code).toBe('AWARD_NOT_ACTIVE');
    await t.app.get(SchedulerService).followUpsDue();
    const followUps = await t.dataSource.query('SELECT milestone FROM follow_up WHERE award_id = $1 ORDER BY milestone', [award.id]);
    expect(followUps).toEqual([{ milestone: '3m' }, { milestone: '6m' }]);
  });

  it('marks a sent disbursement failed, which releases its commitment; a new tranche commits it again', async () => {
    const { award } = await approvedAward(t);
    const a = await tranche(award.id, '57000.50');
    expect((await as('finance').post(`/disbursements/${a.id}/fail`, { note: 'not sent yet' })).body.code).toBe('DISBURSEMENT_NOT_SENT');
    await send(a.id);
    const before = (await as('admin').get(`/funds/${award.fundId}`)).body.ledger;
    const failed = await as('finance').post(`/disbursements/${a.id}/fail`, { note: 'Account closed, returned by the bank' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', cancelNote: 'Account closed, returned by the bank' });
    const after = (await as('admin').get(`/funds/${award.fundId}`)).body.ledger;
    expect(Number(after.available) - Number(before.available)).toBeCloseTo(57000.5, 2);
    expect((await t.dataSource.query('SELECT committed::text AS c FROM award WHERE id = $1', [award.id]))[0].c).toBe('0.00');
    const again = await tranche(award.id, '57000.50');
    expect(again.paymentReference).not.toBe(a.paymentReference);
    expect((await t.dataSource.query('SELECT committed::text AS c FROM award WHERE id = $1', [award.id]))[0].c).toBe('57000.50');
  });

  it('keeps statements and exceptions to finance', async () => {
    expect((await as('ngo.kz').post('/bank-statements', HEADER, { contentType: 'text/csv' })).status).toBe(403);
    expect((await as('auditor').get('/reconciliation/exceptions')).status).toBe(403);
  });
});
