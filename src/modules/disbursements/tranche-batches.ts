import type { EntityManager } from 'typeorm';

/**
 * The payment batch a scheduled tranche is in, as a cancellation needs it (in the caller's
 * transaction). Disbursements defines it and payment-batches, which owns the batches, provides it
 * (`TrancheBatchesModule`, global): disbursements does not import payment-batches, which imports
 * disbursements.
 */
export abstract class TrancheBatches {
  /** The batch, locked (after the tranche's award, before the tranche: the order marking a batch sent keeps). */
  abstract lock(manager: EntityManager, batchId: string): Promise<{ status: string; exported: boolean; count: number; total: string }>;

  /** The batch's count and total made those of the tranches left in it (returned), once one has left. */
  abstract recount(manager: EntityManager, batchId: string): Promise<{ count: number; total: string }>;
}
