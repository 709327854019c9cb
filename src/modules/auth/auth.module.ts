import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config.js';
import { AccessTokens } from './access-tokens.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { GlobalAuthGuard } from './guards/global-auth.guard.js';
import { LoginGuard } from './guards/login.guard.js';
import { LimitSignals } from './limit-signals.js';
import { LocalStrategy } from './strategies/local.strategy.js';
import { UserSessionsModule } from './user-sessions.module.js';
import { UsersModule } from '../users/users.module.js';

@Module({
  imports: [
    UserSessionsModule,
    UsersModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthRepository,
    AuthService,
    LimitSignals,
    LocalStrategy,
    AccessTokens,
    LoginGuard,
    { provide: APP_GUARD, useClass: GlobalAuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
