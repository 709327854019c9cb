import { Module } from '@nestjs/common';
import { FundsController } from './funds.controller.js';
import { FundsRepository } from './funds.repository.js';
import { FundsService } from './funds.service.js';

@Module({
  controllers: [FundsController],
  providers: [FundsRepository, FundsService],
  exports: [FundsService],
})
export class FundsModule {}
