import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LettersModule } from '../letters/letters.module.js';
import { SchedulerRepository } from './scheduler.repository.js';
import { SchedulerService } from './scheduler.service.js';

@Module({
  imports: [ScheduleModule.forRoot(), LettersModule],
  providers: [SchedulerRepository, SchedulerService],
  exports: [SchedulerService],
})
export class SchedulerModule {}
