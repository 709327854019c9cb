import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { pino } from 'pino';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { conflict, invalid } from './domain-error.js';

/** Runs the filter on an exception and returns the status and body it would send. */
function answer(exception: unknown): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const sent: { status: number; body: Record<string, unknown>; headers: Record<string, string> } = { status: 0, body: {}, headers: {} };
  const res = {
    headersSent: false,
    getHeader: () => 'req-1',
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ method: 'GET', path: '/x' }) }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter(pino({ level: 'silent' })).catch(exception, host);
  return sent;
}

const pgError = (code: string) => Object.assign(new Error('db'), { code, severity: 'ERROR' });

describe('AllExceptionsFilter', () => {
  it('maps domain errors by kind and keeps their details and extra fields', () => {
    expect(answer(invalid([{ field: 'amount', message: 'bad' }]))).toMatchObject({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
        details: [{ field: 'amount', message: 'bad' }],
        requestId: 'req-1',
      },
    });
    expect(answer(conflict('VERSION_CONFLICT', 'stale', { currentVersion: 3 }))).toMatchObject({
      status: 409,
      body: { currentVersion: 3 },
    });
  });

  it('maps database errors a client can cause, wrapped by TypeORM or raised by a prepared statement', () => {
    const wrapped = new QueryFailedError('INSERT', [], pgError('23505') as never);
    expect(answer(wrapped).status).toBe(409);
    expect(answer(pgError('23505')).status).toBe(409);
    for (const code of ['22P02', '22003', '22001', '22021', '22P05']) expect(answer(pgError(code)).status).toBe(400);
    expect(answer(pgError('40P01')).body.code).toBe('CONCURRENT_UPDATE');
  });

  it('answers a wait past DATABASE_WAIT_SECONDS (row lock or pool) with a retryable 503', () => {
    for (const err of [
      pgError('55P03'),
      new QueryFailedError('UPDATE', [], pgError('55P03') as never),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      const res = answer(err);
      expect(res).toMatchObject({ status: 503, body: { code: 'DATABASE_BUSY' }, headers: { 'Retry-After': '1' } });
    }
    expect(answer(new Error('timeout exceeded when trying to connect to the moon')).status).toBe(500);
  });

  it('answers anything else with a generic 500 that reveals nothing', () => {
    const res = answer(new Error('secret detail'));
    expect(res).toMatchObject({ status: 500, body: { code: 'INTERNAL', message: 'An unexpected error occurred' } });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(answer(pgError('XX000')).status).toBe(500);
  });

  it('answers a body that is not JSON with a plain 400', () => {
    expect(answer(new HttpException('Unexpected token', 400, { cause: new SyntaxError('x') }))).toMatchObject({
      status: 400,
      body: { message: 'The request body is not valid JSON' },
    });
  });
});
