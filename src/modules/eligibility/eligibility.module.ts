import { Module } from '@nestjs/common';
import { EligibilityRepository } from './eligibility.repository.js';
import { EligibilityService } from './eligibility.service.js';

@Module({
  providers: [EligibilityRepository, EligibilityService],
  exports: [EligibilityService],
})
export class EligibilityModule {}
