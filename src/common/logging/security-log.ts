import { Logger } from '@nestjs/common';

const log = new Logger('Security');

/**
 * A warning an operator's alerting should see (an account locked, a client over a rate limit, a
 * stolen refresh token replayed): one structured log line at level warn, context "Security", with the
 * event name as the message. The same events are audit events too; the log line is what monitoring
 * reads. Never pass a secret, a password or personal data: ids, route templates and counts only.
 */
export function securityWarning(event: string, fields: Record<string, string | number | boolean | null | undefined> = {}): void {
  log.warn({ event, ...fields });
}
