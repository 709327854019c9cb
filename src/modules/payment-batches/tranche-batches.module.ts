import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TrancheBatches } from '../disbursements/tranche-batches.js';
import { PaymentBatchesRepository } from './payment-batches.repository.js';

/** Disbursements' `TrancheBatches`: the batch of a tranche being cancelled. */
@Injectable()
class PaymentBatchTranches implements TrancheBatches {
  constructor(private readonly repository: PaymentBatchesRepository) {}

  lock(manager: EntityManager, batchId: string) {
    return this.repository.lockFigures(manager, batchId);
  }

  recount(manager: EntityManager, batchId: string) {
    return this.repository.recount(manager, batchId);
  }
}

/** Global so the disbursements module can inject `TrancheBatches` without importing payment-batches. */
@Global()
@Module({
  providers: [PaymentBatchesRepository, { provide: TrancheBatches, useClass: PaymentBatchTranches }],
  exports: [TrancheBatches],
})
export class TrancheBatchesModule {}
