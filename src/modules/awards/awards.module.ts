import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module.js';
import { FundsModule } from '../funds/funds.module.js';
import { LettersModule } from '../letters/letters.module.js';
import { AwardsController } from './awards.controller.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';

@Module({
  imports: [LettersModule, BeneficiariesModule, FundsModule],
  controllers: [AwardsController],
  providers: [AwardsRepository, AwardsService],
  exports: [AwardsService],
})
export class AwardsModule {}
