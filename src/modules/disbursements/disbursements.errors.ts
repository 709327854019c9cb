import { COMMON_ERRORS } from '../../common/errors/common.errors.js';
import { conflict } from '../../common/errors/domain-error.js';

export const DISBURSEMENT_ERRORS = {
  OVER_AWARD: 'OVER_AWARD',
  DISBURSEMENT_IN_BATCH: 'DISBURSEMENT_IN_BATCH',
  DISBURSEMENT_NOT_CANCELLABLE: 'DISBURSEMENT_NOT_CANCELLABLE',
  DISBURSEMENT_NOT_SENT: 'DISBURSEMENT_NOT_SENT',
} as const;

export const overAward = (remaining: string, currency: string, awardNumber: string) =>
  conflict(DISBURSEMENT_ERRORS.OVER_AWARD, `Only ${remaining} ${currency} of ${awardNumber} is not yet planned or paid`, { remaining });
export const inDownloadedBatch = (batchId: string | null) =>
  conflict(
    DISBURSEMENT_ERRORS.DISBURSEMENT_IN_BATCH,
    "The bank file of this tranche's batch was downloaded, so the bank may pay it: mark the batch sent, and the tranche failed if the bank does not pay it",
    { batchId },
  );
/** Cancelling a tranche that is not scheduled, or marking failed one that is not sent. */
export const cannotGiveBack = (to: 'cancelled' | 'failed', status: string) =>
  conflict(
    to === 'cancelled' ? DISBURSEMENT_ERRORS.DISBURSEMENT_NOT_CANCELLABLE : DISBURSEMENT_ERRORS.DISBURSEMENT_NOT_SENT,
    `A ${status} disbursement cannot be marked ${to}`,
    {
      currentStatus: status,
    },
  );
export const batchedMeanwhile = (batchId: string | null) =>
  conflict(COMMON_ERRORS.CONCURRENT_UPDATE, 'The disbursement was just put into a payment batch; try again', { batchId });
