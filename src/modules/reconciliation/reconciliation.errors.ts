import { COMMON_ERRORS } from '../../common/errors/common.errors.js';
import { conflict, DomainError } from '../../common/errors/domain-error.js';

export const RECONCILIATION_ERRORS = {
  STATEMENT_TOO_LARGE: 'STATEMENT_TOO_LARGE',
  LINE_ALREADY_MATCHED: 'LINE_ALREADY_MATCHED',
  LINE_NOT_MATCHED: 'LINE_NOT_MATCHED',
  DISBURSEMENT_NOT_PAYABLE: 'DISBURSEMENT_NOT_PAYABLE',
  LINE_IS_INCOMING: 'LINE_IS_INCOMING',
  MATCH_AMOUNT_DIFFERS: 'MATCH_AMOUNT_DIFFERS',
  TRANCHE_RETURNED: 'TRANCHE_RETURNED',
} as const;

export const statementNotCsv = () =>
  new DomainError(
    COMMON_ERRORS.UNSUPPORTED_MEDIA_TYPE,
    'unsupported_media',
    'Send the statement as text/csv (bookingDate,amount,currency,reference,counterparty,bankTransactionId)',
  );
export const statementTooLarge = (maxMb: number) =>
  new DomainError(RECONCILIATION_ERRORS.STATEMENT_TOO_LARGE, 'too_large', `A statement may have at most ${maxMb} MB; split it`);
export const lineAlreadyMatched = (disbursementId: string | null) =>
  conflict(RECONCILIATION_ERRORS.LINE_ALREADY_MATCHED, 'This line already pays a disbursement; unmatch it first', { disbursementId });
export const lineNotMatched = (status: string) =>
  conflict(RECONCILIATION_ERRORS.LINE_NOT_MATCHED, 'This line pays no disbursement', { currentStatus: status });
export const disbursementNotPayable = (status: string) =>
  conflict(RECONCILIATION_ERRORS.DISBURSEMENT_NOT_PAYABLE, `A ${status} disbursement cannot be matched`, { currentStatus: status });
export const lineIsIncoming = (amount: string) =>
  conflict(RECONCILIATION_ERRORS.LINE_IS_INCOMING, `This line brought money in (${amount}): it pays no disbursement`, {
    lineAmount: amount,
  });
export const matchAmountDiffers = (lineAmount: string, disbursementAmount: string) =>
  conflict(
    RECONCILIATION_ERRORS.MATCH_AMOUNT_DIFFERS,
    `The line is for ${lineAmount}, the disbursement for ${disbursementAmount}: a line pays a disbursement of its exact amount`,
    { lineAmount, disbursementAmount },
  );
export const trancheReturned = () =>
  conflict(
    RECONCILIATION_ERRORS.TRANCHE_RETURNED,
    'The bank returned this payment: the tranche is failed and its money committed again; the match stays as the record of it',
  );
