import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module.js';
import { FundsModule } from '../funds/funds.module.js';
import { LettersModule } from '../letters/letters.module.js';
import { AwardsController } from './awards.controller.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';
import { ShareLinksController } from './share-links.controller.js';
import { ShareLinksRepository } from './share-links.repository.js';
import { ShareLinksService } from './share-links.service.js';
import { SharedLettersController } from './shared-letters.controller.js';

@Module({
  imports: [LettersModule, BeneficiariesModule, FundsModule],
  controllers: [AwardsController, ShareLinksController, SharedLettersController],
  providers: [AwardsRepository, AwardsService, ShareLinksRepository, ShareLinksService],
  exports: [AwardsService],
})
export class AwardsModule {}
