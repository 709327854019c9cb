// SQL of the awards module that other modules need: reads of award figures, and the changes other
// modules make to an award in the statements of their own use cases (a tranche's commitment, a
// payment matched or unmatched at the bank). Other modules import this file, never awards.repository.ts.
import type { EntityManager } from 'typeorm';
import { toMinor } from '../../common/money/money.js';
import { pendingLetterInsert, type PendingLetterRow } from '../letters/letters.sql.js';
import type { NewAward } from './awards.repository.js';

/** Tranches of award `$1` paid, and planned or at the bank (scheduled, sent): one row of `paid` and `unpaid`, as text. */
export const TRANCHE_TOTALS = `SELECT COALESCE(SUM(amount) FILTER (WHERE status = 'paid'), 0)::text AS paid,
            COALESCE(SUM(amount) FILTER (WHERE status IN ('scheduled', 'sent')), 0)::text AS unpaid
       FROM disbursement WHERE award_id = $1`;

/** The row of `TRANCHE_TOTALS` in minor units. */
export function trancheTotalsOf(row: Record<string, unknown>): { paid: bigint; unpaid: bigint } {
  return { paid: toMinor(row.paid as string), unpaid: toMinor(row.unpaid as string) };
}

/** Tranches of an award paid, and planned or at the bank (scheduled, sent), in minor units (for awards and disbursements alike). */
export async function trancheTotals(manager: EntityManager, awardId: string): Promise<{ paid: bigint; unpaid: bigint }> {
  const [row]: Record<string, unknown>[] = await manager.query(TRANCHE_TOTALS, [awardId]);
  return trancheTotalsOf(row);
}

/** Award numbers by id, for lists of records that belong to awards. */
export async function awardNumbers(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows: { id: string; number: string }[] = await manager.query('SELECT id, number FROM award WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** Moves an award's commitment: `$1` the award, `$2` the signed amount (the award row is locked). */
export const MOVE_AWARD_COMMITMENT = 'UPDATE award SET committed = committed + $2::numeric, updated_at = now() WHERE id = $1';

/** Lowers each award's commitment by what was paid: `paid` yields `award_id` and `total` per award. */
export function lowerAwardCommitments(paid: string): string {
  return `UPDATE award a SET committed = a.committed - s.total, updated_at = now()
         FROM ${paid} s WHERE a.id = s.award_id`;
}

/**
 * Closes the active awards among `touched` (a query of `award_id`s) whose paid tranches add up to
 * the award; returns their ids.
 */
export function closeFullyPaidAwards(touched: string): string {
  return `WITH touched AS (${touched}),
            -- no condition on status in the scan: the planner's statistics still say few are paid
            paid AS (SELECT d.award_id, COALESCE(sum(d.amount) FILTER (WHERE d.status = 'paid'), 0) AS total FROM touched t JOIN disbursement d ON d.award_id = t.award_id GROUP BY d.award_id)
       UPDATE award a SET status = 'closed', version = a.version + 1, updated_at = now()
         FROM paid p WHERE a.id = p.award_id AND a.status = 'active' AND a.amount = p.total
       RETURNING a.id`;
}

/**
 * A tranche (`$1`, the disbursement) that is no longer paid: its amount is committed again and its
 * award active again. Returns the award's id, its status before (`was`) and its new commitment.
 */
export const RECOMMIT_UNPAID_TRANCHE = `WITH old AS (SELECT a.id, a.status FROM award a JOIN disbursement d ON d.award_id = a.id WHERE d.id = $1)
       UPDATE award a SET committed = a.committed + d.amount, status = 'active', version = a.version + 1, updated_at = now()
         FROM disbursement d, old WHERE d.id = $1 AND a.id = d.award_id AND old.id = a.id
       RETURNING a.id, old.status AS was, a.committed::text AS committed`;

/** An approval's award as the statement that numbers it inserts it (`approvedAwardInsert`). */
export interface ApprovedAwardRow {
  award: NewAward;
  /** The year whose gapless numbers the award takes. */
  year: number;
  letter: PendingLetterRow;
}

/**
 * CTEs (to follow `WITH … ,`) inserting the award of `row` with the next gapless number of its
 * country and year (`next_award_number` locks the counter until commit) and its pending first letter,
 * both only for a row of `gate` (none: no number is taken). `award.locked_at` is when the row
 * was inserted, so after `gate`'s locks were taken. `param(value)` adds a parameter to the
 * enclosing statement and returns its placeholder. The award's row is the relation `award`.
 */
export function approvedAwardInsert(gate: string, row: ApprovedAwardRow, param: (value: unknown) => string): string {
  const a = row.award;
  const l = row.letter;
  return `award AS (
         INSERT INTO award (number, application_id, organisation_id, fund_id, beneficiary_id, beneficiary_category, beneficiary_sex, country, currency, amount, items, conditions, approvers, language, letter_version, committed, version)
         SELECT next_award_number(${param(a.country)}, ${param(row.year)}::int), ${param(a.applicationId)}::uuid, ${param(a.organisationId)}::uuid, ${param(a.fundId)}::uuid,
                b.id, b.category, b.sex, ${param(a.country)}, ${param(a.currency)}, ${param(a.amount)}::numeric, ${param(JSON.stringify(a.items))}::jsonb,
                ${param(a.conditions)}, ${param(JSON.stringify(a.approvers))}::jsonb, ${param(a.language)}, 1, ${param(a.amount)}::numeric, 1
           FROM ${gate}, beneficiary b WHERE b.id = ${param(a.beneficiaryId)}::uuid
         RETURNING id, number, clock_timestamp() AS locked_at),
       letter AS (${pendingLetterInsert('award', {
         version: param(l.version),
         language: param(l.language),
         verificationCode: param(l.verificationCode),
         verificationCodeHash: param(l.verificationCodeHash),
         content: param(l.content),
       })})`;
}
