import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { BeneficiariesController, UnusedRegistrationsController } from './beneficiaries.controller.js';
import { BeneficiariesRepository } from './beneficiaries.repository.js';
import { BeneficiariesService } from './beneficiaries.service.js';

@Module({
  imports: [OrganisationsModule],
  controllers: [BeneficiariesController, UnusedRegistrationsController],
  providers: [BeneficiariesRepository, BeneficiariesService],
  exports: [BeneficiariesService],
})
export class BeneficiariesModule {}
