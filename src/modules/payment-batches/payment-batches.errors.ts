import { conflict, DomainError, type FieldProblem } from '../../common/errors/domain-error.js';

export const PAYMENT_BATCH_ERRORS = {
  DISBURSEMENTS_NOT_BATCHABLE: 'DISBURSEMENTS_NOT_BATCHABLE',
  BATCH_NOT_OPEN: 'BATCH_NOT_OPEN',
  BATCH_EMPTY: 'BATCH_EMPTY',
  PAYEE_WITHOUT_ACCOUNT: 'PAYEE_WITHOUT_ACCOUNT',
} as const;

/** Each refused disbursement with why, as field problems: the whole batch or nothing. */
export const notBatchable = (refusals: FieldProblem[]) =>
  new DomainError(PAYMENT_BATCH_ERRORS.DISBURSEMENTS_NOT_BATCHABLE, 'conflict', 'Some disbursements cannot go into this batch', refusals);
export const batchNotOpen = (status: string) =>
  conflict(PAYMENT_BATCH_ERRORS.BATCH_NOT_OPEN, 'This batch was already marked sent', { currentStatus: status });
export const batchEmpty = () =>
  conflict(PAYMENT_BATCH_ERRORS.BATCH_EMPTY, 'Every disbursement of this batch was cancelled: there is nothing to send');
export const payeesWithoutAccount = (paymentReferences: string[]) =>
  conflict(
    PAYMENT_BATCH_ERRORS.PAYEE_WITHOUT_ACCOUNT,
    `No IBAN on file for ${paymentReferences.join(', ')}: add the bank account before sending these to the bank`,
    {
      paymentReferences,
    },
  );
