import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '../../src/common/auth/auth-user.js';
import { ACCESS, type Expected, type Scope } from './access-matrix.js';
import { approvedAward } from '../helpers/flows.js';
import { API, api, loginAll, loginAs, type Method } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { minimalPdf } from '../helpers/sample-files.js';

/**
 * Every route of the committed OpenAPI document (itself checked against the code) against the
 * expected outcome table in test/auth/access-matrix.ts: a route missing from the table fails.
 */
interface Operation {
  method: string;
  path: string;
  secured: boolean;
  roles: Role[];
}

const doc = JSON.parse(readFileSync('openapi/openapi.json', 'utf8')) as {
  paths: Record<string, Record<string, { security?: unknown[]; 'x-roles'?: Role[] }>>;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ method, path, secured: Boolean(op.security?.length), roles: op['x-roles'] ?? [] })),
);

const key = (op: Operation) => `${op.method} ${op.path.slice(API.length)}`;
const expected = (op: Operation): Expected => ACCESS[key(op)];
const allowed = (op: Operation, role: Role) => expected(op)?.roles !== 'public' && (expected(op)?.roles as Role[]).includes(role);
const secured = operations.filter((o) => expected(o)?.roles !== 'public');

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());
/**
 * Sign-out with `{}` would end every session of the caller, this file's tokens included: it names a
 * (made-up) session instead, which ends nothing.
 */
const BODY: Record<string, object> = { 'post /auth/logout': { refreshToken: `${randomUUID()}.not-a-session-of-anyone` } };
/** The operation with `{}` as its body (JSON routes), with no token or `token`. */
const call = (t: TestApp, op: Operation, token?: string) => {
  const req = (token === undefined ? api(t) : api(t).as(token)).request(op.method as Method, concrete(op.path.slice(API.length)));
  return op.method === 'get' ? req : req.send(BODY[key(op)] ?? {});
};

describe('access to every route', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) tokens[role] = await loginAs(t, role);
  });
  afterAll(() => t.close());

  it('has an expected outcome for every route, and none for routes that are gone', () => {
    expect(operations.length).toBeGreaterThanOrEqual(70);
    const missing = operations.map(key).filter((k) => !ACCESS[k]);
    expect({ missing }).toEqual({ missing: [] });
    const gone = Object.keys(ACCESS).filter((k) => !operations.some((op) => key(op) === k));
    expect({ gone }).toEqual({ gone: [] });
  });

  it('declares in the code the roles of the table, and keeps exactly the public routes public', () => {
    for (const op of operations) {
      const want = expected(op).roles;
      if (want === 'public') expect({ route: key(op), secured: op.secured }).toEqual({ route: key(op), secured: false });
      else expect({ route: key(op), roles: [...op.roles].sort() }).toEqual({ route: key(op), roles: [...want].sort() });
    }
  });

  it('names the scope of every route that takes the id of a record', () => {
    const unscoped = operations.filter((op) => op.path.includes('{id}') && !expected(op).scope).map(key);
    expect({ unscoped }).toEqual({ unscoped: [] });
  });

  it.each(secured.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s answers 401 without a token, and with a bad token',
    async (_name, op) => {
      const res = await call(t, op);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      const forged = await call(t, op, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
      expect(forged.status).toBe(401);
    },
  );

  it.each(secured.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s answers 403 to the roles it does not name and lets the others through the guard',
    async (_name, op) => {
      for (const role of ROLES) {
        const res = await call(t, op, tokens[role]);
        if (allowed(op, role)) {
          expect([role, res.status]).not.toEqual([role, 401]);
          expect([role, res.status]).not.toEqual([role, 403]);
          expect(res.status).toBeLessThan(500);
        } else {
          expect([role, res.status]).toEqual([role, 403]);
        }
      }
    },
  );

  it('refuses a token after its user is disabled', async () => {
    const created = await api(t)
      .as(tokens.admin)
      .post('/users', { email: 'short-lived@example.org', password: 'a-long-password-1', fullName: 'Short Lived', role: 'auditor' });
    expect(created.status).toBe(201);
    const token = await t.login('short-lived@example.org', 'a-long-password-1');
    expect((await api(t).as(token).get('/auth/me')).status).toBe(200);
    await api(t).as(tokens.admin).patch(`/users/${created.body.id}`, { status: 'disabled' }).expect(200);
    expect((await api(t).as(token).get('/auth/me')).status).toBe(401);
  });
});

/** Users of another organisation and of another country, for each role whose records are scoped. */
const OUTSIDERS: Partial<Record<Role, string[]>> = { ngo: ['ngo2.kz', 'ngo.kg'], officer: ['officer.kg'] };
/** Users who may see the Kazakh records, for each role: the scope check must let them in. */
const INSIDERS: Partial<Record<Role, string>> = { ngo: 'ngo.kz', officer: 'officer.kz' };

describe('records out of scope', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids = {} as Record<Exclude<Scope, 'global'>, string> & { docId: string; linkId: string };
  const scoped = operations.filter((op) => expected(op)?.scope && expected(op).scope !== 'global');
  const as = (who: string) => api(t).as(tok[who]);
  const url = (op: Operation) =>
    op.path
      .slice(API.length)
      .replace('{id}', ids[expected(op).scope as Exclude<Scope, 'global'>])
      .replace('{docId}', ids.docId)
      .replace('{linkId}', ids.linkId);
  const send = (op: Operation, who: string) => {
    const req = as(who).request(op.method as Method, url(op));
    if (op.method === 'get') return req;
    if (op.path.endsWith('/documents')) return req.attach('file', minimalPdf(), 'scope.pdf');
    return req.send(expected(op).body ?? {});
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'ngo2.kz', 'ngo.kg', 'officer.kz', 'officer.kg'], tok);
    // a Kazakh award of the first NGO, its application and person, a follow-up and a notice
    const { award } = await approvedAward(t);
    const [{ application_id, beneficiary_id, fund_id, organisation_id }] = await t.dataSource.query(
      'SELECT application_id, beneficiary_id, fund_id, organisation_id FROM award WHERE id = $1',
      [award.id],
    );
    const [{ id: followUp }] = await t.dataSource.query(
      `INSERT INTO follow_up (award_id, organisation_id, country, milestone, due_on, version) VALUES ($1, $2, 'KZ', '3m', '2026-01-01', 1) RETURNING id`,
      [award.id, organisation_id],
    );
    const [{ id: notice }] = await t.dataSource.query(
      `INSERT INTO notification (user_id, kind, application_id, text) SELECT id, 'decision', $1, 'Approved' FROM app_user WHERE email = 'ngo.kz@example.org' RETURNING id`,
      [application_id],
    );
    // a draft of the same NGO with a document: drafts and documents have their own checks
    const draft = await as('ngo.kz').post('/applications', {
      beneficiaryId: beneficiary_id,
      urgency: 'standard',
      items: [{ type: 'social', description: 'Food kit', amount: '100.00' }],
    });
    expect(draft.status).toBe(201);
    const doc = await as('ngo.kz').request('post', `/applications/${draft.body.id}/documents`).attach('file', minimalPdf(), 'estimate.pdf');
    expect(doc.status).toBe(201);
    // a share link of the award, so revoking it elsewhere is refused by the award's scope, not the link's id
    const link = await as('ngo.kz').post(`/awards/${award.id}/share-links`, {});
    expect(link.status).toBe(201);
    Object.assign(ids, {
      linkId: link.body.id,
      application: application_id,
      beneficiary: beneficiary_id,
      award: award.id,
      fund: fund_id,
      'follow-up': followUp,
      notification: notice,
      document: draft.body.id,
      draft: draft.body.id,
      docId: doc.body.id,
    });
  });
  afterAll(() => t.close());

  it('has scoped routes to try', () => {
    expect(scoped.length).toBeGreaterThanOrEqual(20);
  });

  it.each(scoped.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s answers 404 to users of another organisation or country',
    async (_name, op) => {
      for (const [role, users] of Object.entries(OUTSIDERS) as [Role, string[]][]) {
        if (!allowed(op, role)) continue;
        // funds belong to a country, not to an organisation
        for (const who of users.filter((u) => expected(op).scope !== 'fund' || !u.endsWith('.kz'))) {
          const res = await send(op, who);
          expect({ who, status: res.status }).toEqual({ who, status: 404 });
        }
      }
    },
  );

  it.each(scoped.filter((o) => o.method === 'get').map((o) => [`GET ${o.path}`, o] as const))(
    '%s lets the users of the record see it',
    async (_name, op) => {
      for (const [role, who] of Object.entries(INSIDERS) as [Role, string][]) {
        // officers see no drafts, nor the notices of others
        if (!allowed(op, role) || (role === 'officer' && ['document', 'notification'].includes(expected(op).scope!))) continue;
        const res = await send(op, who);
        expect({ who, status: res.status }).toEqual({ who, status: 200 });
      }
    },
  );
});
