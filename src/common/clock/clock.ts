import { Global, Injectable, Module } from '@nestjs/common';

/** The time, behind a small interface so tests of SLA and lapse logic can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
