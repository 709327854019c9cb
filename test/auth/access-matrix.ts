import type { Role } from '../../src/common/auth/auth-user.js';

/**
 * Who may call what: the expected outcome of every route for every role, kept by hand and checked
 * against the running app (test/access.e2e-spec.ts). A route that is not listed here fails the test,
 * so adding one means deciding who may call it; a role listed gets past the guard, every other
 * role gets 403 and anybody without a token 401, unless the route is `public`.
 *
 * `scope` names the record a route's path id stands for (`draft`: an application still with its NGO), where records belong to an organisation
 * or a country: the test creates one in Kazakhstan for the first NGO and calls the route as each
 * listed role's user of another organisation (`ngo2.kz`) and of another country (`ngo.kg`,
 * `officer.kg`; for funds, which belong to a country, only the latter), expecting 404 — as if the
 * record did not exist. `global` routes take ids of
 * records every caller with the role may see (finance's payments, admin's users). `body` is a valid
 * request body, so the answer comes from the scope check rather than validation.
 */
export type Scope = 'application' | 'draft' | 'document' | 'beneficiary' | 'award' | 'fund' | 'follow-up' | 'notification' | 'global';

export interface Expected {
  roles: Role[] | 'public';
  scope?: Scope;
  body?: Record<string, unknown>;
}

const ALL: Role[] = ['ngo', 'officer', 'finance', 'admin', 'auditor'];
const r = (roles: string): Role[] => roles.split(' ') as Role[];

export const ACCESS: Record<string, Expected> = {
  'get /health/live': { roles: 'public' },
  'get /health/ready': { roles: 'public' },
  'get /metrics': { roles: 'public' },
  'post /auth/login': { roles: 'public' },
  'post /auth/refresh': { roles: 'public' },
  'post /auth/logout': { roles: ALL },
  'get /auth/me': { roles: ALL },
  'patch /auth/me': { roles: ALL },
  'get /letters/verify/{code}': { roles: 'public' },
  'get /shared/{token}': { roles: 'public' },
  'get /shared/{token}/letter.pdf': { roles: 'public' },

  'post /organisations': { roles: r('admin') },
  'get /organisations': { roles: r('admin') },
  'get /organisations/{id}': { roles: r('admin'), scope: 'global' },
  'patch /organisations/{id}': { roles: r('admin'), scope: 'global' },
  'post /users': { roles: r('admin') },
  'get /users': { roles: r('admin') },
  'get /users/{id}': { roles: r('admin'), scope: 'global' },
  'patch /users/{id}': { roles: r('admin'), scope: 'global' },
  'get /audit-events': { roles: r('admin auditor') },
  'get /admin/unused-registrations': { roles: r('admin') },
  'get /audit-events/verify': { roles: r('admin auditor') },

  'post /funds': { roles: r('admin') },
  'get /funds': { roles: ALL },
  'get /funds/{id}': { roles: ALL, scope: 'fund' },
  'patch /funds/{id}': { roles: r('admin'), scope: 'global' },
  'get /funds/{id}/ledger-entries': { roles: r('admin officer finance auditor'), scope: 'fund' },
  'post /fx-rates': { roles: r('admin') },
  'get /fx-rates': { roles: r('officer finance admin auditor') },

  'post /beneficiaries': { roles: r('ngo') },
  'get /beneficiaries': { roles: r('ngo officer admin auditor') },
  'get /beneficiaries/{id}': { roles: r('ngo officer admin auditor'), scope: 'beneficiary' },
  'patch /beneficiaries/{id}': { roles: r('ngo'), scope: 'beneficiary', body: { version: 1, phone: '+7 700 000 00 00' } },

  'post /applications': { roles: r('ngo') },
  'get /applications': { roles: r('ngo officer admin auditor') },
  'get /applications/{id}': { roles: r('ngo officer admin auditor'), scope: 'application' },
  'patch /applications/{id}': { roles: r('ngo'), scope: 'application', body: { version: 1, justification: 'Looked at by someone else' } },
  'post /applications/{id}/submit': { roles: r('ngo'), scope: 'application' },
  'post /applications/{id}/withdraw': { roles: r('ngo'), scope: 'application' },
  'post /applications/{id}/waivers': { roles: r('admin'), scope: 'global' },
  'get /applications/{id}/messages': { roles: r('ngo officer admin'), scope: 'application' },
  'post /applications/{id}/messages': { roles: r('ngo officer admin'), scope: 'application', body: { body: 'Is this yours?' } },
  'get /applications/{id}/eligibility': { roles: r('ngo officer admin auditor'), scope: 'application' },
  'get /applications/{id}/eligibility/preview': { roles: r('ngo'), scope: 'draft' },
  'get /applications/{id}/events': { roles: r('ngo officer admin auditor'), scope: 'application' },
  'post /applications/{id}/documents': { roles: r('ngo'), scope: 'application' },
  'get /applications/{id}/documents': { roles: r('ngo officer admin auditor'), scope: 'application' },
  'get /applications/{id}/documents/{docId}': { roles: r('ngo officer admin auditor'), scope: 'document' },

  'get /review-queue': { roles: r('officer admin') },
  'get /review-queue/workload': { roles: r('officer admin') },
  'post /applications/{id}/claim': { roles: r('officer admin'), scope: 'application' },
  'post /applications/{id}/decisions': {
    roles: r('officer admin'),
    scope: 'application',
    body: { decision: 'request_info', comment: 'Please attach the estimate.' },
  },
  'post /applications/{id}/reassign': { roles: r('admin'), scope: 'global' },
  'post /applications/{id}/release': { roles: r('officer admin'), scope: 'application' },

  'get /notifications': { roles: ALL },
  'post /notifications/{id}/read': { roles: ALL, scope: 'notification' },

  'get /awards': { roles: ALL },
  'get /awards/{id}': { roles: ALL, scope: 'award' },
  'get /awards/{id}/letter': { roles: ALL, scope: 'award' },
  'get /awards/{id}/letters': { roles: ALL, scope: 'award' },
  'post /awards/{id}/close': {
    roles: r('finance admin'),
    scope: 'global',
    body: { version: 1, note: 'Checking who may close this award' },
  },
  'post /awards/{id}/share-links': { roles: r('ngo'), scope: 'award', body: { expiresInDays: 7 } },
  'get /awards/{id}/share-links': { roles: r('ngo officer admin'), scope: 'award' },
  'post /awards/{id}/share-links/{linkId}/revoke': { roles: r('ngo officer admin'), scope: 'award' },
  'post /awards/{id}/amendments': {
    roles: r('officer admin'),
    scope: 'award',
    body: { version: 1, reason: 'Checking who may amend this award' },
  },

  'post /disbursements': { roles: r('finance') },
  'get /disbursements': { roles: r('finance admin auditor') },
  'get /disbursements/{id}': { roles: r('finance admin auditor'), scope: 'global' },
  'post /disbursements/{id}/cancel': { roles: r('finance'), scope: 'global' },
  'post /disbursements/{id}/fail': { roles: r('finance'), scope: 'global' },
  'post /payment-batches': { roles: r('finance') },
  'get /payment-batches': { roles: r('finance admin auditor') },
  'get /payment-batches/{id}': { roles: r('finance admin auditor'), scope: 'global' },
  'get /payment-batches/{id}/export.csv': { roles: r('finance'), scope: 'global' },
  'post /payment-batches/{id}/sent': { roles: r('finance'), scope: 'global' },
  'post /bank-statements': { roles: r('finance') },
  'post /reconciliation/matches': { roles: r('finance') },
  'post /reconciliation/unmatches': { roles: r('finance') },
  'get /reconciliation/exceptions': { roles: r('finance') },

  'get /reports/ef-results': { roles: r('officer admin auditor') },
  'get /reports/turnaround': { roles: r('officer admin auditor') },
  'get /reports/funds': { roles: r('officer admin auditor finance') },
  'get /reports/follow-ups': { roles: r('officer admin auditor') },
  'get /reports/gender-targets': { roles: r('officer admin auditor') },
  'get /follow-ups': { roles: r('ngo officer admin auditor') },
  'get /follow-ups/{id}': { roles: r('ngo officer admin auditor'), scope: 'follow-up' },
  'post /follow-ups/{id}': { roles: r('ngo'), scope: 'follow-up', body: { version: 1, contactMade: true } },
};
