import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock/clock.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { invalid, notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { formatMinor, normaliseMoney, sumMinor, toMinor } from '../../common/money/money.js';
import { keysetPage, type Page } from '../../common/pagination/pagination.js';
import { Transactions } from '../../common/database/transaction.js';
import { auditEventStatement } from '../audit/audit.sql.js';
import { AuditService } from '../audit/audit.service.js';
import { vendorIban } from '../disbursements/vendor-iban.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { bankCsv, type ExportLine } from './domain/bank-csv.js';
import { batchEmpty, batchNotOpen, notBatchable, payeesWithoutAccount } from './payment-batches.errors.js';
import {
  type CreatePaymentBatchDto,
  type MarkSentDto,
  type PaymentBatchQueryDto,
  type PaymentBatchResponse,
  type PaymentBatchSummary,
  toPaymentBatchSummary,
} from './dto/payment-batch.dto.js';
import type { PaymentBatch } from './entities/payment-batch.entity.js';
import { type BatchLine, PaymentBatchesRepository } from './payment-batches.repository.js';

/**
 * Payment batches: scheduled bank transfers and vendor payments of one currency, exported as one
 * CSV file for the bank and then marked sent. A disbursement is in one batch at most.
 */
@Injectable()
export class PaymentBatchesService {
  constructor(
    private readonly repository: PaymentBatchesRepository,
    private readonly organisations: OrganisationsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
  ) {}

  /** Two round trips: the batch and its claim with the BEGIN, its figures and audit event with the COMMIT; then its answer. */
  async create(user: AuthUser, dto: CreatePaymentBatchDto): Promise<PaymentBatchResponse> {
    const id = randomUUID();
    await this.transactions.runInMessages(
      [this.repository.insertClaiming({ id, createdBy: user.id }, dto.disbursementIds)],
      async (m, [rows]) => {
        const claimed = rows as unknown as BatchLine[];
        if (claimed.length !== dto.disbursementIds.length) {
          const got = new Set(claimed.map((c) => c.id));
          const found = new Map((await this.repository.refusals(m, dto.disbursementIds)).map((r) => [r.id, r]));
          // the whole batch or nothing: the transaction rolls back what was claimed
          throw notBatchable(
            dto.disbursementIds
              .map((d, i) => ({ d, i }))
              .filter(({ d }) => !got.has(d))
              .map(({ d, i }) => {
                const r = found.get(d);
                const why = !r
                  ? 'no such disbursement'
                  : r.batch_id
                    ? 'already in a payment batch'
                    : r.method === 'cash'
                      ? 'paid in cash, not through the bank'
                      : `${r.status}, not scheduled`;
                return { field: `disbursementIds.${i}`, message: `${d}: ${why}` };
              }),
          );
        }
        const currencies = [...new Set(claimed.map((c) => c.currency))];
        if (currencies.length > 1)
          throw invalid([{ field: 'disbursementIds', message: `a batch is for one currency; these are in ${currencies.join(', ')}` }]);
        this.payees(claimed); // every line must have an account to pay into
        const figures = {
          currency: currencies[0],
          count: claimed.length,
          total: formatMinor(sumMinor(claimed.map((c) => toMinor(c.amount)))),
        };
        const audit = this.audit.prepare({ action: 'payment_batch.create', entityType: 'payment_batch', entityId: id, after: figures }, m);
        return { value: null, last: [this.repository.setFigures(id, figures, audit)] };
      },
    );
    return this.get(id);
  }

  /** The file for the bank: one line per payment with its unique reference; each export is audited (it holds bank accounts). */
  async exportCsv(id: string): Promise<{ filename: string; csv: string }> {
    // two round trips: the batch marked exported and its lines with the BEGIN, the audit event with the COMMIT
    const { value } = await this.transactions.runInMessages(this.repository.exporting(id, this.clock.now()), async (m, [[batch], rows]) => {
      if (!batch) throw notFound('Payment batch');
      const lines = rows as unknown as BatchLine[];
      const payees = this.payees(lines);
      const csv = bankCsv(
        lines.map((l) => ({
          paymentReference: l.payment_reference,
          amount: normaliseMoney(l.amount),
          currency: l.currency,
          ...payees.get(l.id)!,
          awardNumber: l.award_number,
        })),
      );
      const audit = this.audit.prepare(
        { action: 'payment_batch.export', entityType: 'payment_batch', entityId: id, after: { count: lines.length } },
        m,
      );
      return { value: { createdAt: batch.created_at as Date, csv }, last: [auditEventStatement(audit)] };
    });
    return { filename: `payment-batch-${value.createdAt.toISOString().slice(0, 10)}-${id.slice(0, 8)}.csv`, csv: value.csv };
  }

  /**
   * The bank has the file: its disbursements are `sent` (matching the statement marks them paid).
   * Two round trips: the locks with the BEGIN, the batch and its tranches sent with their audit events and the COMMIT; then its answer.
   */
  async markSent(user: AuthUser, id: string, dto: MarkSentDto): Promise<PaymentBatchResponse> {
    await this.transactions.runInMessages(this.repository.lockForSending(id), async (m, [, [locked]]) => {
      const batch = locked as { status: PaymentBatch['status']; version: number; count: number; scheduled: number } | undefined;
      if (!batch) throw notFound('Payment batch');
      if (batch.status !== 'open') throw batchNotOpen(batch.status);
      assertVersion(batch.version, dto.version);
      if (batch.count === 0) throw batchEmpty();
      const tranches = this.audit.prepare({ action: 'disbursement.send', entityType: 'disbursement' }, m);
      const sent = this.audit.prepare(
        {
          action: 'payment_batch.sent',
          entityType: 'payment_batch',
          entityId: id,
          before: { status: 'open' },
          after: { status: 'sent', disbursements: batch.scheduled },
        },
        m,
      );
      return { value: null, last: [this.repository.markSent(id, user.id, this.clock.now(), tranches), auditEventStatement(sent)] };
    });
    return this.get(id);
  }

  async get(id: string): Promise<PaymentBatchResponse> {
    const found = await this.repository.withLines(id);
    if (!found) throw notFound('Payment batch');
    const { batch, lines } = found;
    return {
      ...toPaymentBatchSummary(batch),
      lines: lines.map((l) => ({
        disbursementId: l.id,
        paymentReference: l.payment_reference,
        amount: normaliseMoney(l.amount),
        awardNumber: l.award_number,
        status: l.status,
      })),
      version: batch.version,
    };
  }

  async list(query: PaymentBatchQueryDto): Promise<Page<PaymentBatchSummary>> {
    const page = await keysetPage(this.repository.listQuery(query), query);
    return { items: page.items.map(toPaymentBatchSummary), nextCursor: page.nextCursor };
  }

  /** Payee name, IBAN and BIC of each line: the supplier's (its IBAN decrypted), or the NGO's account on file. 409 when one has no IBAN. */
  private payees(lines: BatchLine[]): Map<string, Pick<ExportLine, 'payeeName' | 'iban' | 'bic'>> {
    const result = new Map<string, Pick<ExportLine, 'payeeName' | 'iban' | 'bic'>>();
    const missing: string[] = [];
    for (const l of lines) {
      const account =
        l.payee.kind === 'organisation'
          ? this.organisations.payoutAccount({
              id: l.organisation_id,
              name: l.organisation_name,
              bankAccountEnc: l.organisation_account_enc,
            })
          : null;
      const payee =
        l.payee.kind === 'vendor'
          ? { payeeName: l.payee.name, iban: vendorIban(this.cipher, l.id, l.payee_iban_enc) ?? '', bic: l.payee.bic ?? '' }
          : { payeeName: account?.name ?? '', iban: account?.account?.iban ?? '', bic: account?.account?.bic ?? '' };
      if (!payee.iban) missing.push(l.payment_reference);
      result.set(l.id, payee);
    }
    if (missing.length) throw payeesWithoutAccount(missing);
    return result;
  }
}
