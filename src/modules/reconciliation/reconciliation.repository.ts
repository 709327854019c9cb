import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StatementLine } from './domain/statement-csv.js';
import { BankStatement } from './entities/bank-statement.entity.js';
import { BankStatementLine } from './entities/bank-statement-line.entity.js';

/** Lines inserted per statement: large statements go in a few big statements, not one per line. */
const CHUNK = 10_000;

/** The lines of statement $1 that were matched by this import. */
const MATCHED = `SELECT l.disbursement_id FROM bank_statement_line l WHERE l.statement_id = $1 AND l.status = 'matched'`;

@Injectable()
export class ReconciliationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertStatement(manager: EntityManager, s: Pick<BankStatement, 'sha256' | 'lines' | 'importedBy'>): Promise<BankStatement> {
    const repo = manager.getRepository(BankStatement);
    return repo.save(repo.create({ ...s, imported: 0, skipped: 0, matched: 0, amountMismatch: 0, unmatched: 0 }));
  }

  /** Inserts the lines whose bank transaction id is new; returns how many. A line imported before is skipped. */
  async insertLines(manager: EntityManager, statementId: string, lines: StatementLine[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < lines.length; i += CHUNK) {
      const chunk = lines.slice(i, i + CHUNK);
      const [row]: { n: number }[] = await manager.query(
        `WITH ins AS (
           INSERT INTO bank_statement_line (statement_id, line_number, booking_date, amount, currency, reference, counterparty, bank_transaction_id)
           SELECT $1, * FROM unnest($2::int[], $3::date[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::text[])
           ON CONFLICT (bank_transaction_id) DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [
          statementId,
          chunk.map((l) => l.lineNumber),
          chunk.map((l) => l.bookingDate),
          chunk.map((l) => l.amount),
          chunk.map((l) => l.currency),
          chunk.map((l) => l.reference),
          chunk.map((l) => l.counterparty),
          chunk.map((l) => l.bankTransactionId),
        ],
      );
      inserted += row.n;
    }
    return inserted;
  }

  /**
   * Matches the statement's new lines, set-based (a few statements whatever the number of lines):
   * reference and exact amount and currency of a scheduled or sent disbursement → matched, the
   * disbursement paid, a `pay` ledger entry, the award's commitment lowered and the award closed
   * once fully paid; a known reference with another amount → amount_mismatch; anything else →
   * unmatched. The awards and disbursements concerned are locked first, in id order, so a
   * cancellation or another import cannot change them in between.
   */
  async match(manager: EntityManager, statementId: string, userId: string | null): Promise<{ closedAwards: number }> {
    const named = `SELECT d.id, d.award_id FROM disbursement d JOIN bank_statement_line l ON l.reference = d.payment_reference WHERE l.statement_id = $1`;
    await manager.query(`SELECT a.id FROM award a WHERE a.id IN (SELECT award_id FROM (${named}) n) ORDER BY a.id FOR UPDATE`, [statementId]);
    await manager.query(`SELECT d.id FROM disbursement d WHERE d.id IN (SELECT id FROM (${named}) n) ORDER BY d.id FOR UPDATE`, [statementId]);

    // one line per disbursement matches: the first on the statement
    await manager.query(
      `UPDATE bank_statement_line l SET status = 'matched', disbursement_id = m.did, note = NULL
         FROM (SELECT DISTINCT ON (d.id) l2.id AS lid, d.id AS did
                 FROM bank_statement_line l2
                 JOIN disbursement d ON d.payment_reference = l2.reference AND d.amount = abs(l2.amount) AND d.currency = l2.currency AND d.status IN ('scheduled', 'sent')
                WHERE l2.statement_id = $1
                ORDER BY d.id, l2.line_number) m
        WHERE l.id = m.lid`,
      [statementId],
    );
    await manager.query(
      `UPDATE bank_statement_line l
          SET disbursement_id = d.id,
              status = CASE WHEN d.amount = abs(l.amount) AND d.currency = l.currency THEN 'unmatched' ELSE 'amount_mismatch' END,
              note = CASE WHEN d.amount = abs(l.amount) AND d.currency = l.currency
                          THEN 'the disbursement with this reference is already ' || CASE WHEN d.status IN ('scheduled', 'sent') THEN 'matched on this statement' ELSE d.status END
                          ELSE 'the disbursement with this reference is ' || d.amount::text || ' ' || d.currency END
         FROM disbursement d
        WHERE l.statement_id = $1 AND l.status = 'new' AND d.payment_reference = l.reference`,
      [statementId],
    );
    await manager.query(
      `UPDATE bank_statement_line SET status = 'unmatched', note = CASE WHEN reference IS NULL THEN 'no reference' ELSE 'no disbursement has this reference' END
        WHERE statement_id = $1 AND status = 'new'`,
      [statementId],
    );

    return this.pay(manager, MATCHED, [statementId, userId]);
  }

  /**
   * Pays the disbursements `ids` selects ($1 and $2 = the user are its parameters): `paid`, a `pay`
   * ledger entry each, the award's commitment lowered, awards closed once fully paid. The caller
   * holds the locks.
   */
  async pay(manager: EntityManager, ids: string, params: [string, string | null]): Promise<{ closedAwards: number }> {
    await manager.query(`UPDATE disbursement SET status = 'paid', paid_at = now(), version = version + 1, updated_at = now() WHERE id IN (${ids})`, params.slice(0, 1));
    await manager.query(
      `INSERT INTO fund_ledger_entry (fund_id, kind, budget_delta, committed_delta, disbursed_delta, ref_type, ref_id, memo, created_by)
       SELECT d.fund_id, 'pay', 0, -d.amount, d.amount, 'disbursement', d.id, d.payment_reference || ' paid', $2
         FROM disbursement d WHERE d.id IN (${ids}) ORDER BY d.payment_reference`,
      params,
    );
    await manager.query(
      `UPDATE award a SET committed = a.committed - s.total, updated_at = now()
         FROM (SELECT award_id, sum(amount) AS total FROM disbursement WHERE id IN (${ids}) GROUP BY award_id) s
        WHERE a.id = s.award_id`,
      params.slice(0, 1),
    );
    const closed: [unknown[], number] = await manager.query(
      `UPDATE award a SET status = 'closed', version = version + 1, updated_at = now()
        WHERE a.id IN (SELECT award_id FROM disbursement WHERE id IN (${ids})) AND a.status = 'active'
          AND a.amount = (SELECT COALESCE(sum(amount), 0) FROM disbursement WHERE award_id = a.id AND status = 'paid')
        RETURNING a.id`,
      params.slice(0, 1),
    );
    return { closedAwards: closed[1] };
  }

  lockLine(manager: EntityManager, id: string): Promise<BankStatementLine | null> {
    return manager.getRepository(BankStatementLine).createQueryBuilder('l').where('l.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async setLine(manager: EntityManager, id: string, change: Pick<BankStatementLine, 'status' | 'disbursementId' | 'note'>): Promise<void> {
    await manager.getRepository(BankStatementLine).update({ id }, change);
  }

  /** A paid disbursement back to `sent` (its statement line was unmatched); the award's commitment is back and the award open again. */
  async unpay(manager: EntityManager, disbursementId: string): Promise<void> {
    await manager.query(`UPDATE disbursement SET status = 'sent', paid_at = NULL, version = version + 1, updated_at = now() WHERE id = $1 AND status = 'paid'`, [disbursementId]);
    await manager.query(
      `UPDATE award a SET committed = a.committed + d.amount, status = 'active', version = a.version + 1, updated_at = now() FROM disbursement d WHERE d.id = $1 AND a.id = d.award_id`,
      [disbursementId],
    );
  }

  async counts(manager: EntityManager, statementId: string): Promise<{ matched: number; amountMismatch: number; unmatched: number }> {
    const rows: { status: string; n: number }[] = await manager.query(`SELECT status, count(*)::int AS n FROM bank_statement_line WHERE statement_id = $1 GROUP BY status`, [statementId]);
    const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
    return { matched: n('matched'), amountMismatch: n('amount_mismatch'), unmatched: n('unmatched') };
  }

  async saveCounts(manager: EntityManager, id: string, counts: Pick<BankStatement, 'imported' | 'skipped' | 'matched' | 'amountMismatch' | 'unmatched'>): Promise<void> {
    await manager.getRepository(BankStatement).update({ id }, counts);
  }

  lineWithDisbursement(id: string): Promise<BankStatementLine | null> {
    return this.dataSource.getRepository(BankStatementLine).findOne({ where: { id }, relations: { disbursement: true } });
  }

  exceptionsQuery() {
    return this.dataSource
      .getRepository(BankStatementLine)
      .createQueryBuilder('l')
      .leftJoinAndSelect('l.disbursement', 'd')
      .where(`l.status IN ('amount_mismatch', 'unmatched')`);
  }
}
