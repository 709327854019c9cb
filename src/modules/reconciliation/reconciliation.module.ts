import { Module } from '@nestjs/common';
import { DisbursementsModule } from '../disbursements/disbursements.module.js';
import { FundsModule } from '../funds/funds.module.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationRepository } from './reconciliation.repository.js';
import { ReconciliationService } from './reconciliation.service.js';

@Module({
  imports: [DisbursementsModule, FundsModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationRepository, ReconciliationService],
})
export class ReconciliationModule {}
