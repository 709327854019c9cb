import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PaymentBatchesController } from './payment-batches.controller.js';
import { PaymentBatchesRepository } from './payment-batches.repository.js';
import { PaymentBatchesService } from './payment-batches.service.js';
import { TrancheBatchesModule } from './tranche-batches.module.js';

@Module({
  imports: [OrganisationsModule, TrancheBatchesModule],
  controllers: [PaymentBatchesController],
  providers: [PaymentBatchesRepository, PaymentBatchesService],
  exports: [PaymentBatchesService],
})
export class PaymentBatchesModule {}
