import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { FollowUpsModule } from '../follow-ups/follow-ups.module.js';
import { LettersModule } from '../letters/letters.module.js';
import { SchedulerRepository } from './scheduler.repository.js';
import { SchedulerService } from './scheduler.service.js';

@Module({
  imports: [ScheduleModule.forRoot(), LettersModule, FollowUpsModule],
  providers: [SchedulerRepository, SchedulerService],
  exports: [SchedulerService],
})
export class SchedulerModule {}
