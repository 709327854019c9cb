import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type MessageRows, sendTogether, type Statement } from '../../common/database/transaction.js';
import { lockRow } from '../../common/database/row-lock.js';
import { auditEventInsert, auditEventParam, type PreparedAuditEvent } from '../audit/audit.sql.js';
import { closeFullyPaidAwards, lowerAwardCommitments, RECOMMIT_UNPAID_TRANCHE } from '../awards/awards.sql.js';
import { markTranchesPaid, RETURN_TRANCHE, UNPAY_TRANCHE } from '../disbursements/disbursements.sql.js';
import { payLedgerEntries } from '../funds/funds.sql.js';
import type { StatementLine } from './domain/statement-csv.js';
import type { BankStatement } from './entities/bank-statement.entity.js';
import { BankStatementLine } from './entities/bank-statement-line.entity.js';

/** A line that brought back the money of a paid tranche. */
export interface ReturnedLine {
  disbursementId: string;
  lineId: string;
  bankTransactionId: string;
}

/** What an import's last statement answers (`finishStatement`). */
export type StatementCounts = Pick<BankStatement, 'matched' | 'amountMismatch' | 'unmatched'>;

/** Lines staged per statement. */
const CHUNK = 10_000;

/** A statement on temporary tables, or DDL: sent whole, planned on every call. */
const inline = (text: string, values: unknown[] = []): Statement => ({ text, values, inline: true });

/**
 * The statements that pay the disbursements listed in the temporary table `paying`: `paid`, a `pay`
 * ledger entry each, the award's commitment lowered, awards closed once their paid tranches add up
 * to them. Audited per award (`audit`, prepared by the service): one event for each award paid,
 * naming every tranche it paid here with its bank transaction, the commitment before and after, and
 * whether the award closed. (One event per award, not per tranche: a statement paying 100,000
 * tranches stays within its time, see docs/decisions.md.) `closedAwards` reads their rows.
 */
function payListed(userId: string, audit: PreparedAuditEvent): { statements: Statement[]; closedAwards(rows: MessageRows): number } {
  const statements = [
    inline(markTranchesPaid('paying')),
    inline(payLedgerEntries('paying', '$1'), [userId]),
    inline(lowerAwardCommitments('(SELECT award_id, sum(amount) AS total FROM paying GROUP BY award_id)')),
    // one statement closes and audits: the audit reads the awards as they were before it closed any
    inline(
      `WITH closed AS (${closeFullyPaidAwards('SELECT DISTINCT award_id FROM paying')}),
       audit AS (${auditEventInsert('$1', {
         from: `(SELECT p.award_id, sum(p.amount) AS total,
                        jsonb_agg(jsonb_build_object('disbursementId', p.id, 'paymentReference', p.payment_reference, 'amount', p.amount::text, 'was', p.was, 'bankTransactionId', p.tx) ORDER BY p.payment_reference) AS tranches
                   FROM paying p GROUP BY p.award_id) s JOIN award a ON a.id = s.award_id`,
         entityId: 'a.id',
         before: `jsonb_build_object('status', a.status, 'committed', (a.committed + s.total)::text)`,
         after: `jsonb_build_object('status', CASE WHEN a.id IN (SELECT id FROM closed) THEN 'closed' ELSE a.status END, 'committed', a.committed::text, 'paid', s.total::text, 'tranches', s.tranches)`,
       })})
       SELECT count(*)::int AS n FROM closed`,
      [auditEventParam(audit)],
    ),
    inline('DROP TABLE paying'),
  ];
  return { statements, closedAwards: (rows) => (rows[3][0] as { n: number }).n };
}

@Injectable()
export class ReconciliationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The messages that begin an import, in order: the statement's row, the temporary table its lines
   * are staged in and the first CHUNK lines (the message that goes with the BEGIN), then a message
   * for each further CHUNK lines: a large statement goes in a few big statements, not one per line.
   */
  stagingMessages(statement: Pick<BankStatement, 'id' | 'sha256' | 'lines' | 'importedBy'>, lines: StatementLine[]): Statement[][] {
    const first: Statement[] = [
      {
        text: `INSERT INTO bank_statement (id, sha256, lines, imported_by, imported, skipped, matched, amount_mismatch, unmatched) VALUES ($1, $2, $3, $4, 0, 0, 0, 0, 0)`,
        values: [statement.id, statement.sha256, statement.lines, statement.importedBy],
      },
      inline(
        `CREATE TEMP TABLE incoming (line_number int, booking_date date, amount numeric(20,2), currency char(3), reference varchar(100), counterparty varchar(200), tx varchar(100)) ON COMMIT DROP`,
      ),
    ];
    const messages = [first];
    for (let i = 0; i < lines.length; i += CHUNK) {
      const chunk = lines.slice(i, i + CHUNK);
      const stage = inline(
        `INSERT INTO incoming SELECT * FROM unnest($1::int[], $2::date[], $3::numeric[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [
          chunk.map((l) => l.lineNumber),
          chunk.map((l) => l.bookingDate),
          chunk.map((l) => l.amount),
          chunk.map((l) => l.currency),
          chunk.map((l) => l.reference),
          chunk.map((l) => l.counterparty),
          chunk.map((l) => l.bankTransactionId),
        ],
      );
      if (i === 0) first.push(stage);
      else messages.push([stage]);
    }
    return messages;
  }

  /**
   * Matches and pays the staged lines (`stagingMessages`), set-based (a fixed number of statements
   * whatever the size), in one message. The awards the lines' references name are locked, in id
   * order (a cancellation or a parallel import cannot change their tranches halfway, and imports do
   * not deadlock each other); then each line is written once, with its outcome: money out (a
   * negative amount: banks write debits with a minus sign) with the reference, amount and currency
   * of a scheduled or sent disbursement → matched (the first such line per disbursement), a known
   * reference otherwise → amount_mismatch (or unmatched when the disbursement is already paid),
   * anything else → unmatched. Money in never pays anything: with the reference, amount and
   * currency of a paid disbursement it is that payment coming back → returned (listed in
   * `returned` for the caller to undo the payment), otherwise → unmatched. A line whose bank
   * transaction id was imported before is skipped. Returns how many lines were new.
   */
  async matchStaged(
    manager: EntityManager,
    statementId: string,
    userId: string,
    audit: PreparedAuditEvent,
  ): Promise<{ imported: number; closedAwards: number; returned: ReturnedLine[] }> {
    const matching = [
      // statistics of the staged lines, so the joins below are hash joins however many lines there are
      inline('ANALYZE incoming'),
      // every change to a tranche (create, cancel, fail, match) locks its award first: holding the
      // awards holds their disbursements too
      inline(
        `SELECT a.id FROM award a WHERE a.id IN (SELECT d.award_id FROM disbursement d JOIN incoming i ON i.reference = d.payment_reference) ORDER BY a.id FOR UPDATE`,
      ),
      // what each new line pays: one line per disbursement, the first on the statement
      inline(`CREATE TEMP TABLE paying ON COMMIT DROP AS
         SELECT DISTINCT ON (d.id) i.tx, i.booking_date AS paid_on, d.id, d.award_id, d.fund_id, d.amount, d.payment_reference, d.status AS was
           FROM incoming i
           JOIN disbursement d ON d.payment_reference = i.reference AND d.amount = abs(i.amount) AND d.currency = i.currency AND d.status IN ('scheduled', 'sent')
          WHERE i.amount < 0 AND NOT EXISTS (SELECT 1 FROM bank_statement_line b WHERE b.bank_transaction_id = i.tx)
          ORDER BY d.id, i.line_number`),
      inline('ANALYZE paying'),
      // money coming back: the amount of a paid tranche, in, with its reference (one line per tranche)
      inline(`CREATE TEMP TABLE coming_back ON COMMIT DROP AS
         SELECT DISTINCT ON (d.id) i.tx, d.id, d.award_id
           FROM incoming i
           JOIN disbursement d ON d.payment_reference = i.reference AND d.amount = i.amount AND d.currency = i.currency AND d.status = 'paid'
          WHERE i.amount > 0 AND NOT EXISTS (SELECT 1 FROM bank_statement_line b WHERE b.bank_transaction_id = i.tx)
          ORDER BY d.id, i.line_number`),
      inline(
        `WITH ins AS (
         INSERT INTO bank_statement_line (statement_id, line_number, booking_date, amount, currency, reference, counterparty, bank_transaction_id, status, disbursement_id, note)
         SELECT $1, i.line_number, i.booking_date, i.amount, i.currency, i.reference, i.counterparty, i.tx,
                CASE WHEN p.id IS NOT NULL THEN 'matched'
                     WHEN r.id IS NOT NULL THEN 'returned'
                     WHEN i.amount > 0 THEN 'unmatched'
                     WHEN d.id IS NOT NULL AND NOT (d.amount = abs(i.amount) AND d.currency = i.currency) THEN 'amount_mismatch'
                     ELSE 'unmatched' END,
                COALESCE(p.id, r.id, d.id),
                CASE WHEN p.id IS NOT NULL THEN NULL
                     WHEN r.id IS NOT NULL THEN 'returned by the bank: the tranche failed, its money is committed to the award again'
                     WHEN d.id IS NULL THEN CASE WHEN i.reference IS NULL THEN 'no reference' ELSE 'no disbursement has this reference' END
                     WHEN i.amount > 0
                       THEN 'money came in with the reference of a ' || d.status || ' disbursement of ' || d.amount::text || ' ' || d.currency || ': an incoming line pays nothing'
                     WHEN d.amount = abs(i.amount) AND d.currency = i.currency
                       THEN 'the disbursement with this reference is already ' || CASE WHEN d.status IN ('scheduled', 'sent') THEN 'matched on this statement' ELSE d.status END
                     ELSE 'the disbursement with this reference is ' || d.amount::text || ' ' || d.currency END
           FROM incoming i
           LEFT JOIN paying p ON p.tx = i.tx
           LEFT JOIN coming_back r ON r.tx = i.tx
           LEFT JOIN disbursement d ON d.payment_reference = i.reference
         ON CONFLICT (bank_transaction_id) DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
        [statementId],
      ),
      // a line another import wrote first pays nothing here (a safety net: the locks above already order them)
      inline(
        `DELETE FROM paying p WHERE NOT EXISTS (SELECT 1 FROM bank_statement_line l WHERE l.bank_transaction_id = p.tx AND l.statement_id = $1)`,
        [statementId],
      ),
      inline(
        `SELECT r.id AS "disbursementId", l.id AS "lineId", r.tx AS "bankTransactionId" FROM coming_back r
         JOIN bank_statement_line l ON l.bank_transaction_id = r.tx AND l.statement_id = $1 ORDER BY r.award_id, r.id`,
        [statementId],
      ),
      inline('DROP TABLE incoming'),
      inline('DROP TABLE coming_back'),
    ];
    const paying = payListed(userId, audit);
    const rows = await sendTogether(manager, [...matching, ...paying.statements]);
    return {
      imported: (rows[5][0] as { n: number }).n,
      returned: rows[7] as unknown as ReturnedLine[],
      closedAwards: paying.closedAwards(rows.slice(matching.length)),
    };
  }

  /** Finance's manual match: pays one disbursement (the caller holds the locks), in one message. */
  async payOne(
    manager: EntityManager,
    disbursementId: string,
    line: Pick<BankStatementLine, 'bankTransactionId' | 'bookingDate'>,
    userId: string,
    audit: PreparedAuditEvent,
  ): Promise<{ closedAwards: number }> {
    const listing = inline(
      `CREATE TEMP TABLE paying ON COMMIT DROP AS
         SELECT $2::text AS tx, $3::date AS paid_on, d.id, d.award_id, d.fund_id, d.amount, d.payment_reference, d.status AS was FROM disbursement d WHERE d.id = $1`,
      [disbursementId, line.bankTransactionId, line.bookingDate],
    );
    const paying = payListed(userId, audit);
    const rows = await sendTogether(manager, [listing, ...paying.statements]);
    return { closedAwards: paying.closedAwards(rows.slice(1)) };
  }

  /**
   * An import's last statement, for the message with the COMMIT: the statement's figures (its
   * counts from its lines) and its audit event (`audit`, prepared by the service; the counts are
   * added to its `after`). Answers one row of StatementCounts.
   */
  finishStatement(statementId: string, figures: Pick<BankStatement, 'imported' | 'skipped'>, audit: PreparedAuditEvent): Statement {
    return {
      text: `WITH c AS (SELECT count(*) FILTER (WHERE status = 'matched')::int AS matched,
                              count(*) FILTER (WHERE status = 'amount_mismatch')::int AS amount_mismatch,
                              count(*) FILTER (WHERE status = 'unmatched')::int AS unmatched
                         FROM bank_statement_line WHERE statement_id = $1),
            upd AS (UPDATE bank_statement s SET imported = $2, skipped = $3, matched = c.matched, amount_mismatch = c.amount_mismatch, unmatched = c.unmatched
                      FROM c WHERE s.id = $1 RETURNING s.matched, s.amount_mismatch, s.unmatched),
            audit AS (${auditEventInsert('$4', {
              from: 'upd',
              after: `r.after || jsonb_build_object('matched', upd.matched, 'amountMismatch', upd.amount_mismatch, 'unmatched', upd.unmatched)`,
            })})
       SELECT matched, amount_mismatch AS "amountMismatch", unmatched FROM upd`,
      values: [statementId, figures.imported, figures.skipped, auditEventParam(audit)],
    };
  }

  lockLine(manager: EntityManager, id: string): Promise<BankStatementLine | null> {
    return lockRow(manager, BankStatementLine, id);
  }

  async setLine(manager: EntityManager, id: string, change: Pick<BankStatementLine, 'status' | 'disbursementId' | 'note'>): Promise<void> {
    await manager.getRepository(BankStatementLine).update({ id }, change);
  }

  /**
   * A paid disbursement back to where it was before its statement line was matched: `sent` if its
   * batch went to the bank (the only way to `sent`), `scheduled` otherwise (cash, or matched before
   * its batch was sent); the award's commitment is back and the award open again (the caller holds
   * the award's lock). Returns the disbursement's status and what the award was before.
   */
  async unpay(
    manager: EntityManager,
    disbursementId: string,
  ): Promise<{ status: string; award: { id: string; was: string; committed: string } }> {
    const [rows]: [{ status: string }[], number] = await manager.query(UNPAY_TRANCHE, [disbursementId]);
    const [awards]: [{ id: string; was: string; committed: string }[], number] = await manager.query(RECOMMIT_UNPAID_TRANCHE, [
      disbursementId,
    ]);
    return { status: rows[0].status, award: awards[0] };
  }

  /**
   * A paid tranche the bank sent back: failed, its amount committed to its award again and the award
   * active again (the caller holds the award's lock and reverses the `pay` entry). Returns the
   * tranche's reference and amount and what the award was before.
   */
  async returnTranche(
    manager: EntityManager,
    disbursementId: string,
    note: string,
  ): Promise<{ paymentReference: string; amount: string; award: { id: string; was: string; committed: string } }> {
    const [awards]: [{ id: string; was: string; committed: string }[], number] = await manager.query(RECOMMIT_UNPAID_TRANCHE, [
      disbursementId,
    ]);
    const [rows]: [{ payment_reference: string; amount: string }[], number] = await manager.query(RETURN_TRANCHE, [disbursementId, note]);
    return { paymentReference: rows[0].payment_reference, amount: rows[0].amount, award: awards[0] };
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
