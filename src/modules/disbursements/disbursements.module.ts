import { Module } from '@nestjs/common';
import { Idempotency } from '../../common/idempotency/idempotency.js';
import { FundsModule } from '../funds/funds.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { DisbursementsController } from './disbursements.controller.js';
import { DisbursementsRepository } from './disbursements.repository.js';
import { DisbursementsService } from './disbursements.service.js';

@Module({
  imports: [FundsModule, OrganisationsModule],
  controllers: [DisbursementsController],
  providers: [DisbursementsRepository, DisbursementsService, Idempotency],
  exports: [DisbursementsService],
})
export class DisbursementsModule {}
