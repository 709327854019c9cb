import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import type { AppConfig } from '../../../config/app-config.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import type { RequestCounters } from '../../../common/rate-limit/request-counters.js';
import type { LimitSignals } from '../limit-signals.js';
import { LoginGuard } from './login.guard.js';

const contextWith = (body: unknown) =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ ip: '127.0.0.1', body }), getResponse: () => ({ setHeader: () => undefined }) }),
  }) as unknown as ExecutionContext;

const refusal = (body: unknown) =>
  new LoginGuard({ LOGIN_RATE_LIMIT_PER_MINUTE: 0 } as AppConfig, {} as RequestCounters, {} as LimitSignals)
    .canActivate(contextWith(body))
    .then(
      () => null,
      (err: unknown) => err,
    );

describe('LoginGuard', () => {
  it('answers a body with nested constructor or __proto__ keys with a validation error, before passport', async () => {
    // found by the fuzz test: class-transformer took the nested `constructor` for a class and threw (a 500)
    for (const raw of [
      '{"id":{"constructor":{"prototype":{"polluted":"yes"}}}}',
      '{"email":{"constructor":{"prototype":{}}},"password":"x"}',
      '{"email":{"__proto__":{"x":1}},"password":"x"}',
    ]) {
      const err = await refusal(JSON.parse(raw));
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists every bad field and refuses unknown ones, as the global pipe does', async () => {
    const err = (await refusal({ email: 'not-an-email', extra: 1 })) as DomainError;
    expect(err.details?.map((d) => d.field).sort()).toEqual(['email', 'extra', 'password']);
  });
});
