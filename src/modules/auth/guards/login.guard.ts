import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { AppConfig } from '../../../config/app-config.js';
import { RateLimiter } from '../../../common/rate-limit/rate-limiter.js';
import { RequestCounters } from '../../../common/rate-limit/request-counters.js';
import { createValidationPipe } from '../../../common/validation/validation.js';
import { LoginDto } from '../dto/login.dto.js';
import { LimitSignals } from '../limit-signals.js';

/**
 * Login through passport-local, after two checks guards would otherwise skip: the per-address rate
 * limit, and body validation (a malformed body is a 400 listing each field, not a 401).
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  private readonly limiter: RateLimiter;
  /** The global pipe, which also strips __proto__, prototype and constructor keys before transforming. */
  private readonly validation = createValidationPipe();

  constructor(
    config: AppConfig,
    counters: RequestCounters,
    private readonly signals: LimitSignals,
  ) {
    super();
    this.limiter = new RateLimiter(counters, 'login', config.LOGIN_RATE_LIMIT_PER_MINUTE);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    // req.ip is the client as TRUST_PROXY defines it (the proxy's X-Forwarded-For only from a trusted proxy)
    const address = req.ip ?? 'unknown';
    const refusal = await this.limiter.hit(address);
    if (refusal) await this.signals.refuse(context.switchToHttp().getResponse<Response>(), refusal, { limit: 'login', address });
    // guards run before pipes, so the body is validated here, the way every other route's is: a bare
    // plainToInstance threw on a nested `constructor` key, which the pipe strips first
    await this.validation.transform(req.body ?? {}, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err) throw err;
    return user;
  }
}
