import { Module } from '@nestjs/common';
import { FxRatesController } from './fx-rates.controller.js';
import { FxRatesRepository } from './fx-rates.repository.js';
import { FxRatesService } from './fx-rates.service.js';

@Module({ controllers: [FxRatesController], providers: [FxRatesRepository, FxRatesService], exports: [FxRatesService] })
export class FxRatesModule {}
