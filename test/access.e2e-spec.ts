import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '../src/common/auth/auth-user.js';
import { bearer, createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Access rules read from the committed OpenAPI document (itself checked against the code), so every
 * new route is covered without editing this file.
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

/** The only routes anyone may call without signing in (SPEC section 2). */
const PUBLIC = [
  'post /api/v1/auth/login',
  'post /api/v1/auth/refresh',
  'get /api/v1/health/live',
  'get /api/v1/health/ready',
  'get /api/v1/metrics',
  'get /api/v1/letters/verify/{code}',
];

const USERS: Record<Role, string> = {
  admin: 'admin@example.org',
  auditor: 'auditor@example.org',
  finance: 'finance@example.org',
  officer: 'officer.kz@example.org',
  ngo: 'ngo.kz@example.org',
};

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, randomUUID());
const call = (t: TestApp, op: Operation) => {
  const req = (t.http as unknown as Record<string, (url: string) => ReturnType<TestApp['http']['get']>>)[op.method](concrete(op.path));
  return op.method === 'get' ? req : req.send({});
};

describe('access to every route', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) tokens[role] = await t.login(USERS[role]);
  });
  afterAll(() => t.close());

  it('knows the routes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(19);
  });

  it('has exactly the public routes of the SPEC; every other route declares roles', () => {
    const open = operations.filter((o) => !o.secured).map((o) => `${o.method} ${o.path}`);
    expect(open.sort()).toEqual([...PUBLIC].sort());
    for (const op of operations.filter((o) => o.secured)) expect(op.roles.length).toBeGreaterThan(0);
  });

  it.each(operations.filter((o) => o.secured).map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s answers 401 without a token, and with a bad token',
    async (_name, op) => {
      const res = await call(t, op);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      const forged = await call(t, op).set(bearer('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'));
      expect(forged.status).toBe(401);
    },
  );

  it.each(operations.filter((o) => o.secured).map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s answers 403 to the roles it does not name and lets the others through the guard',
    async (_name, op) => {
      for (const role of ROLES) {
        const res = await call(t, op).set(bearer(tokens[role]));
        if (op.roles.includes(role)) {
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
    const created = await t.http
      .post('/api/v1/users')
      .set(bearer(tokens.admin))
      .send({ email: 'short-lived@example.org', password: 'a-long-password-1', fullName: 'Short Lived', role: 'auditor' });
    expect(created.status).toBe(201);
    const token = await t.login('short-lived@example.org', 'a-long-password-1');
    expect((await t.http.get('/api/v1/auth/me').set(bearer(token))).status).toBe(200);
    await t.http.patch(`/api/v1/users/${created.body.id}`).set(bearer(tokens.admin)).send({ status: 'disabled' }).expect(200);
    expect((await t.http.get('/api/v1/auth/me').set(bearer(token))).status).toBe(401);
  });
});
