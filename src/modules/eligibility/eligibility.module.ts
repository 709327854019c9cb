import { Module } from '@nestjs/common';
import { FundsModule } from '../funds/funds.module.js';
import { EligibilityRepository } from './eligibility.repository.js';
import { EligibilityService } from './eligibility.service.js';

@Module({
  imports: [FundsModule],
  providers: [EligibilityRepository, EligibilityService],
  exports: [EligibilityService],
})
export class EligibilityModule {}
