import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { requestContext } from '../context/request-context.js';

/**
 * Structured JSON logs on stdout. Bodies are never logged; the redact list is a second line of
 * defence for fields that must never appear (PII, secrets, tokens).
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'accessToken',
  'refreshToken',
  '*.refreshToken',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'fullName',
  '*.fullName',
  'dateOfBirth',
  '*.dateOfBirth',
  'documentNumber',
  '*.documentNumber',
  'phone',
  '*.phone',
  'address',
  '*.address',
  'iban',
  '*.iban',
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'emergency-fund' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const requestId = requestContext.requestId();
      return requestId ? { requestId } : {};
    },
  });
}

const QUIET_CONTEXTS = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader']);

/** Lets Nest's own messages go through the same JSON logger. */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    // route mapping and module wiring are start-up noise: debug level
    if (context && QUIET_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    // a structured warning (see securityWarning): its fields go into the line, its event is the message
    if (typeof message === 'object' && message !== null)
      this.logger.warn({ context, ...message }, String((message as { event?: unknown }).event ?? context));
    else this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
