import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { invalid, notFound } from '../../common/errors/domain-error.js';
import { normaliseMoney, toMinor } from '../../common/money/money.js';
import { keysetPage, type Page, type PageQueryDto } from '../../common/pagination/pagination.js';
import { Clock } from '../../common/clock/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { sendTogether, Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { parseStatement, StatementTooLarge } from './domain/statement-parser.js';
import { DisbursementsService } from '../disbursements/disbursements.service.js';
import { FundsService } from '../funds/funds.service.js';
import {
  type ImportResponse,
  type ManualMatchDto,
  type StatementLineResponse,
  toLineResponse,
  type UnmatchDto,
} from './dto/reconciliation.dto.js';
import {
  disbursementNotPayable,
  lineAlreadyMatched,
  lineIsIncoming,
  lineNotMatched,
  matchAmountDiffers,
  statementNotCsv,
  statementTooLarge,
  trancheReturned,
} from './reconciliation.errors.js';
import { ReconciliationRepository, type ReturnedLine, type StatementCounts } from './reconciliation.repository.js';
import type { PreparedAuditEvent } from '../audit/audit.sql.js';
import { count } from '../../common/text/plural.js';

/**
 * Bank statements: imported whole or not at all, one transaction from the first line to the last
 * match, so an import that is interrupted (the process killed) leaves nothing, and running it again
 * ends exactly as one uninterrupted run; lines already imported (same bank transaction id) are
 * skipped, so importing a statement twice changes nothing the second time.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly repository: ReconciliationRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly disbursements: DisbursementsService,
    private readonly funds: FundsService,
    private readonly clock: Clock,
  ) {}

  async importStatement(user: AuthUser, contentType: string | undefined, body: Readable): Promise<ImportResponse> {
    if (!/^text\/csv\b/i.test(contentType ?? '')) {
      throw statementNotCsv();
    }
    const hash = createHash('sha256');
    body.on('data', (chunk: Buffer) => hash.update(chunk));
    let parsed: Awaited<ReturnType<typeof parseStatement>>;
    try {
      parsed = await parseStatement(body, this.config.MAX_STATEMENT_MB * 1024 * 1024, this.clock.today(1));
    } catch (err) {
      if (err instanceof StatementTooLarge) throw statementTooLarge(this.config.MAX_STATEMENT_MB);
      throw err;
    }
    if ('problems' in parsed) {
      const details = parsed.problems.map((p) => ({ field: `line ${p.line}`, message: p.message }));
      if (parsed.more) details.push({ field: 'lines', message: `and ${count(parsed.more, 'more problem')}` });
      throw invalid(details, `The statement has ${count(parsed.problems.length + parsed.more, 'problem')}; nothing of it was imported`);
    }
    const { lines } = parsed;
    const statement = { id: randomUUID(), sha256: hash.digest('hex'), lines: lines.length, importedBy: user.id };
    // three round trips for a statement of up to 10,000 lines (one more per further 10,000), and one per returned transfer
    const [first, ...staging] = this.repository.stagingMessages(statement, lines);
    const { value, rows } = await this.transactions.runInMessages(first, async (m) => {
      for (const message of staging) await sendTogether(m, message);
      const { imported, closedAwards, returned } = await this.repository.matchStaged(m, statement.id, user.id, this.paymentAudit(m));
      for (const r of returned) await this.returnPayment(m, user, r);
      const figures = { imported, skipped: lines.length - imported };
      const audit = this.audit.prepare(
        {
          action: 'bank_statement.import',
          entityType: 'bank_statement',
          entityId: statement.id,
          after: { ...figures, lines: lines.length, closedAwards, sha256: statement.sha256 },
        },
        m,
      );
      return { value: figures, last: [this.repository.finishStatement(statement.id, figures, audit)] };
    });
    const [counts] = rows[0] as unknown as StatementCounts[];
    return { statementId: statement.id, ...value, ...counts };
  }

  /**
   * A returned transfer: the bank sent back the money of a paid tranche. The payment is reversed (a
   * `reverse` entry of its `pay` entry: the money is committed again), the award's commitment is
   * back and the award active again, the tranche failed; audited on the tranche (and on the award
   * when it was closed). Finance can then schedule a new tranche from that commitment, or close the award.
   */
  private async returnPayment(m: EntityManager, user: AuthUser, r: ReturnedLine): Promise<void> {
    const note = `returned by the bank (${r.bankTransactionId})`.slice(0, 1000);
    const reversed = await this.funds.reverseLatest(m, 'pay', r.disbursementId, { memo: note, createdBy: user.id });
    if (!reversed) throw new Error(`paid disbursement ${r.disbursementId} has no pay entry to reverse`);
    const back = await this.repository.returnTranche(m, r.disbursementId, note);
    if (back.award.was === 'closed') {
      await this.audit.record(m, {
        action: 'award.reopen',
        entityType: 'award',
        entityId: back.award.id,
        before: { status: 'closed' },
        after: { status: 'active', committed: back.award.committed, note },
      });
    }
    await this.audit.record(m, {
      action: 'disbursement.return',
      entityType: 'disbursement',
      entityId: r.disbursementId,
      before: { status: 'paid' },
      after: {
        status: 'failed',
        paymentReference: back.paymentReference,
        amount: normaliseMoney(back.amount),
        statementLineId: r.lineId,
        bankTransactionId: r.bankTransactionId,
        reversedEntry: reversed.reversesId,
        awardCommitted: back.award.committed,
      },
    });
  }

  /**
   * Finance decides that an exception line pays a disbursement (a bank that cut the reference): the
   * same consequences as an automatic match, with the note kept. Only money out pays, and only the
   * tranche's exact amount (a fee taken off is a mismatch for the bank, not a payment of the tranche).
   */
  async manualMatch(user: AuthUser, dto: ManualMatchDto): Promise<StatementLineResponse> {
    await this.transactions.run(async (m) => {
      const line = await this.repository.lockLine(m, dto.statementLineId);
      if (!line) throw notFound('Statement line');
      if (line.status === 'matched') throw lineAlreadyMatched(line.disbursementId);
      const d = await this.disbursements.lockWithAward(m, dto.disbursementId);
      if (!d) throw notFound('Disbursement');
      if (d.status !== 'scheduled' && d.status !== 'sent') throw disbursementNotPayable(d.status);
      if (d.currency !== line.currency)
        throw invalid([{ field: 'disbursementId', message: `the line is in ${line.currency}, the disbursement in ${d.currency}` }]);
      const lineAmount = toMinor(line.amount);
      if (lineAmount > 0n) throw lineIsIncoming(normaliseMoney(line.amount));
      if (-lineAmount !== toMinor(d.amount)) throw matchAmountDiffers(normaliseMoney(line.amount), normaliseMoney(d.amount));
      const note = dto.note.trim();
      await this.repository.setLine(m, line.id, { status: 'matched', disbursementId: d.id, note });
      const { closedAwards } = await this.repository.payOne(m, d.id, line, user.id, this.paymentAudit(m));
      await this.audit.record(m, {
        action: 'reconciliation.match',
        entityType: 'bank_statement_line',
        entityId: line.id,
        before: { status: line.status, disbursementId: line.disbursementId },
        after: {
          status: 'matched',
          disbursementId: d.id,
          amount: normaliseMoney(d.amount),
          lineAmount: normaliseMoney(line.amount),
          note,
          closedAwards,
        },
      });
    });
    return this.line(dto.statementLineId);
  }

  /** A match that was wrong: the payment is reversed (a `reverse` entry), the disbursement unpaid (`sent`, or `scheduled` if it never went to the bank), the line an exception. */
  async unmatch(user: AuthUser, dto: UnmatchDto): Promise<StatementLineResponse> {
    await this.transactions.run(async (m) => {
      const line = await this.repository.lockLine(m, dto.statementLineId);
      if (!line) throw notFound('Statement line');
      if (line.status !== 'matched' || !line.disbursementId) throw lineNotMatched(line.status);
      const d = await this.disbursements.lockWithAward(m, line.disbursementId);
      // its payment came back already (a returned transfer reversed it): nothing left to undo
      if (d?.status === 'failed') throw trancheReturned();
      const note = dto.note.trim();
      const reversed = await this.funds.reverseLatest(m, 'pay', line.disbursementId, {
        memo: `unmatched: ${note}`.slice(0, 500),
        createdBy: user.id,
      });
      if (!reversed) throw new Error(`matched line ${line.id} has no pay entry to reverse`);
      const { status, award } = await this.repository.unpay(m, line.disbursementId);
      if (award.was === 'closed') {
        // the payment that closed it (or preceded a closing by hand) did not happen: open again, the tranche's money committed again
        await this.audit.record(m, {
          action: 'award.reopen',
          entityType: 'award',
          entityId: award.id,
          before: { status: 'closed' },
          after: { status: 'active', committed: award.committed, note },
        });
      }
      await this.repository.setLine(m, line.id, { status: 'unmatched', disbursementId: null, note });
      await this.audit.record(m, {
        action: 'reconciliation.unmatch',
        entityType: 'bank_statement_line',
        entityId: line.id,
        before: { status: 'matched', disbursementId: line.disbursementId },
        after: { status: 'unmatched', note, reversedEntry: reversed.reversesId, disbursementStatus: status },
      });
    });
    return this.line(dto.statementLineId);
  }

  /** The audit event of a payment, one per award paid, filled in by the statement that pays (see ReconciliationRepository.payListed). */
  private paymentAudit(m: EntityManager): PreparedAuditEvent {
    return this.audit.prepare({ action: 'award.pay', entityType: 'award' }, m);
  }

  private async line(id: string): Promise<StatementLineResponse> {
    return toLineResponse((await this.repository.lineWithDisbursement(id))!);
  }

  /** Lines waiting for finance: amounts that differ, and lines that name no payable disbursement. */
  async exceptions(query: PageQueryDto): Promise<Page<StatementLineResponse>> {
    const page = await keysetPage(this.repository.exceptionsQuery(), query);
    return { items: page.items.map(toLineResponse), nextCursor: page.nextCursor };
  }
}
