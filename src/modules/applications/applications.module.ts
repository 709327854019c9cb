import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../../config/app-config.js';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { FundsModule } from '../funds/funds.module.js';
import { ApplicationDocumentsService } from './application-documents.service.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';

@Module({
  imports: [
    BeneficiariesModule,
    EligibilityModule,
    FundsModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // no storage given: multer keeps the upload in memory, so nothing touches disk before the type check
      useFactory: (config: AppConfig) => ({
        // browsers send a file name as raw UTF-8 (Chrome, Firefox, Safari): read it so, or «Смета» arrives as mojibake
        defParamCharset: 'utf8',
        limits: { fileSize: config.MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 5, fieldSize: 1024 },
      }),
    }),
  ],
  controllers: [ApplicationsController],
  providers: [ApplicationsRepository, ApplicationsService, ApplicationDocumentsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
