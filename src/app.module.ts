import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './common/access/access.module.js';
import { CryptoModule } from './common/crypto/crypto.module.js';
import { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/typeorm-options.js';
import { Transactions } from './common/database/transaction.js';
import { SignedInUsers } from './common/auth/signed-in-users.js';
import { RequestCounters } from './common/rate-limit/request-counters.js';
import { StorageModule } from './common/storage/storage.module.js';
import { ApplicationsModule } from './modules/applications/applications.module.js';
import { ReviewsModule } from './modules/reviews/reviews.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { ClockModule } from './common/clock/clock.js';
import { SchedulerModule } from './modules/scheduler/scheduler.module.js';
import { AwardsModule } from './modules/awards/awards.module.js';
import { LettersModule } from './modules/letters/letters.module.js';
import { DisbursementsModule } from './modules/disbursements/disbursements.module.js';
import { PaymentBatchesModule } from './modules/payment-batches/payment-batches.module.js';
import { ReconciliationModule } from './modules/reconciliation/reconciliation.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { FollowUpsModule } from './modules/follow-ups/follow-ups.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BeneficiariesModule } from './modules/beneficiaries/beneficiaries.module.js';
import { FundsModule } from './modules/funds/funds.module.js';
import { FxRatesModule } from './modules/fx-rates/fx-rates.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { UsersModule } from './modules/users/users.module.js';

/** Configuration, the transaction helper, the shared request counters and the signed-in users' records, available everywhere. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: AppConfig, useValue: config }, Transactions, RequestCounters, SignedInUsers],
      exports: [AppConfig, Transactions, RequestCounters, SignedInUsers],
    };
  }
}

@Module({})
export class AppModule {
  /**
   * `databaseUrl` is resolved before the app is built (DATABASE_URL or the embedded server). `extra`
   * modules are mounted beside the app's own: the benchmark harness mounts its baseline route so.
   */
  static forRoot(config: AppConfig, databaseUrl: string, extra: (Type | DynamicModule)[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, { poolSize: config.DATABASE_POOL_SIZE, waitSeconds: config.DATABASE_WAIT_SECONDS }),
          retryAttempts: 2,
          retryDelay: 500,
        }),
        AccessModule,
        CryptoModule,
        AuditModule,
        HealthModule,
        AuthModule,
        OrganisationsModule,
        UsersModule,
        FundsModule,
        FxRatesModule,
        BeneficiariesModule,
        StorageModule,
        ApplicationsModule,
        ReviewsModule,
        NotificationsModule,
        ClockModule,
        SchedulerModule,
        AwardsModule,
        LettersModule,
        DisbursementsModule,
        PaymentBatchesModule,
        ReconciliationModule,
        ReportsModule,
        FollowUpsModule,
        ...extra,
      ],
    };
  }
}
