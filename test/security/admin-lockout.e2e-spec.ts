import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { api } from '../helpers/http.js';
import { createTestApp, PASSWORD, type TestApp, testEnv } from '../helpers/test-app.js';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist/src/database/admin-reset.cli.js');

/** Issue 16, point 3: nobody can lock the service out of itself, and there is a way back in from the server. */
describe('admin lock-out', () => {
  let t: TestApp;
  let dataDir: string;
  const activeAdmins = async () =>
    ((await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND status = 'active'`)) as { n: number }[])[0]
      .n;
  const newAdmin = async (by: string, label: string) => {
    const email = `${label}.${Date.now()}@example.org`;
    const res = await api(t)
      .as(by)
      .post('/users', { email, password: PASSWORD(), fullName: `Admin ${label}`, role: 'admin' });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email, token: await t.login(email) };
  };
  const adminReset = (email: string) =>
    run(process.execPath, [CLI, email], {
      env: { PATH: process.env.PATH, ...testEnv({ LOG_LEVEL: 'warn' }), DATABASE_URL: t.databaseUrl, DATA_DIR: dataDir },
      timeout: 60_000,
    });
  const passwordPrinted = (stdout: string) => stdout.trim().split('\n').at(-1)!.trim();

  beforeAll(async () => {
    t = await createTestApp();
    dataDir = mkdtempSync(join(tmpdir(), 'ef-admin-reset-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an admin disabling or demoting themself (409 OWN_ACCESS), and changes nothing', async () => {
    const admin = await t.login('admin@example.org');
    const me = (await api(t).as(admin).get('/auth/me')).body as { id: string };
    for (const change of [{ status: 'disabled' }, { role: 'auditor' }]) {
      const res = await api(t).as(admin).patch(`/users/${me.id}`, change);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('OWN_ACCESS');
    }
    expect((await api(t).as(admin).get(`/users/${me.id}`)).body).toMatchObject({ role: 'admin', status: 'active' });
    // their own name is theirs to change
    expect((await api(t).as(admin).patch(`/users/${me.id}`, { fullName: 'Head of Programme' })).status).toBe(200);
  });

  it('leaves one active admin when the last two disable or demote each other at the same moment (409 LAST_ADMIN)', async () => {
    const first = await newAdmin(await t.login('admin@example.org'), 'first');
    // from here on these two are the only active admins
    await t.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE role = 'admin' AND id <> $1`, [first.id]);
    const second = await newAdmin(first.token, 'second');
    expect(await activeAdmins()).toBe(2);

    // hold the admin-change lock so that both requests are past authentication and waiting, then let go
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('admin-set'))`);
    const racing = Promise.all([
      api(t).as(first.token).patch(`/users/${second.id}`, { status: 'disabled' }),
      api(t).as(second.token).patch(`/users/${first.id}`, { role: 'auditor' }),
    ]);
    for (let i = 0; i < 200; i++) {
      const [{ n }] = (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows as {
        n: number;
      }[];
      if (n >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await holder.query('COMMIT');
    await holder.end();
    const answers = await racing;

    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('LAST_ADMIN');
    expect(await activeAdmins()).toBe(1);
  });

  it('admin:reset re-enables an admin with a one-time password printed once, ends their sessions and audits it', async () => {
    const admin = await newAdmin(await loginAnyAdmin(), 'reset');
    const oldToken = admin.token;
    await t.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [admin.id]);
    expect((await api(t).post('/auth/login', { email: admin.email, password: PASSWORD() })).status).toBe(401);

    const { stdout } = await adminReset(admin.email);
    expect(stdout).toMatch(/^Reset admin /);
    const password = passwordPrinted(stdout);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const signIn = await api(t).post('/auth/login', { email: admin.email, password });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user).toMatchObject({ role: 'admin', status: 'active' });
    // the old password and the old session are gone
    expect((await api(t).post('/auth/login', { email: admin.email, password: PASSWORD() })).status).toBe(401);
    expect((await api(t).as(oldToken).get('/auth/me')).status).toBe(401);
    expect((await api(t).as(signIn.body.accessToken).get('/users?limit=1')).status).toBe(200);

    const [event] = (await t.dataSource.query(
      `SELECT actor_id, actor_role, after FROM audit_event WHERE action = 'user.admin_reset' AND entity_id = $1`,
      [admin.id],
    )) as { actor_id: string | null; actor_role: string; after: Record<string, unknown> }[];
    expect(event).toMatchObject({ actor_id: null, actor_role: 'system', after: { status: 'active', role: 'admin', via: 'cli' } });
    expect(JSON.stringify(event)).not.toContain(password);
  });

  it('admin:reset creates the admin when the e-mail has no account, and refuses to run without an e-mail', async () => {
    const email = `rescue.${Date.now()}@example.org`;
    const { stdout } = await adminReset(email);
    expect(stdout).toMatch(/^Created admin /);
    const signIn = await api(t).post('/auth/login', { email, password: passwordPrinted(stdout) });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.role).toBe('admin');

    await expect(run(process.execPath, [CLI], { env: { PATH: process.env.PATH } })).rejects.toMatchObject({ code: 2 });
  });

  /** The admin left active by the race above (either of the two). */
  async function loginAnyAdmin(): Promise<string> {
    const [row] = (await t.dataSource.query(`SELECT email FROM app_user WHERE role = 'admin' AND status = 'active' LIMIT 1`)) as {
      email: string;
    }[];
    const res = await api(t).post('/auth/login', { email: row.email, password: PASSWORD() });
    return res.body.accessToken as string;
  }
});
