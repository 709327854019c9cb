import { Global, Injectable, Module } from '@nestjs/common';

/** The time, behind a small interface so tests of SLA and lapse logic can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** The UTC day (YYYY-MM-DD) of now, or `days` later (negative: earlier); it follows now(), also when a test moves it. */
  today(days = 0): string {
    return new Date(this.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
