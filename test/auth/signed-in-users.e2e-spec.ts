import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LISTENER_APPLICATION_NAME, SignedInUsers } from '../../src/common/auth/signed-in-users.js';
import { approvedAward } from '../helpers/flows.js';
import { api } from '../helpers/http.js';
import { createTestApp, PASSWORD, testEnv, type TestApp } from '../helpers/test-app.js';
import { createServer } from 'node:net';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` every 20 ms until it holds; false when `ms` pass first. */
async function within(ms: number, check: () => Promise<boolean> | boolean): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

/**
 * Another instance of the service on the same database, in its own process (the built service), as
 * in production: passport's strategies are process-wide, so two apps in one process would share one.
 */
async function otherInstance(
  databaseUrl: string,
): Promise<{ get(path: string, token: string): Promise<number>; login(email: string): Promise<string>; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', ...testEnv({ LOG_LEVEL: 'warn' }), DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}/api/v1`;
  const up = await within(30_000, async () => (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200);
  if (!up) throw new Error('the other instance did not start');
  return {
    async get(path, token) {
      return (await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } })).status;
    },
    async login(email) {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD() }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The signed-in user's record is kept in memory between requests (`SignedInUsers`); these show
 * that a change of the user still takes effect at once on the instance that made it, on another
 * instance as soon as PostgreSQL delivers the notice, for a change made outside the service, and
 * that notices missed while the listener was away cannot leave a stale record behind.
 */
describe('signed-in users kept in memory', () => {
  let a: TestApp;
  let other: Awaited<ReturnType<typeof otherInstance>>;
  let admin: string;
  let signedIn: SignedInUsers;

  const userId = async (email: string) =>
    ((await a.dataSource.query(`SELECT id FROM app_user WHERE email_normalised = $1`, [email])) as { id: string }[])[0].id;
  const listeners = async () =>
    (
      (await a.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_APPLICATION_NAME],
      )) as { n: number }[]
    )[0].n;
  /** Signs `email` in on this instance and makes sure it keeps the record (listener connected, one request made). */
  const signIn = async (email: string) => (await api(a).post('/auth/login', { email, password: PASSWORD() })).body.accessToken as string;
  const keptHere = async (email: string) => {
    const token = await signIn(email);
    expect((await api(a).as(token).get('/auth/me')).status).toBe(200);
    expect(await within(5000, () => signedIn.keeping)).toBe(true);
    expect((await api(a).as(token).get('/auth/me')).status).toBe(200);
    return token;
  };
  /** The same on the other instance: its listener is the second one connected. */
  const keptThere = async (email: string, path = '/auth/me') => {
    const token = await other.login(email);
    expect(await other.get(path, token)).toBe(200);
    expect(await within(5000, async () => (await listeners()) === 2)).toBe(true);
    expect(await other.get(path, token)).toBe(200);
    return token;
  };

  beforeAll(async () => {
    a = await createTestApp();
    signedIn = a.app.get(SignedInUsers);
    other = await otherInstance(a.databaseUrl);
    admin = await a.login('admin@example.org');
  });
  afterAll(async () => {
    await other?.stop();
    await a?.close();
  });

  it('a user disabled on one instance is refused at once there and on the other instance once the notice arrives', async () => {
    const email = 'officer2.kg@example.org';
    const here = await keptHere(email);
    const there = await keptThere(email);

    expect(
      (
        await api(a)
          .as(admin)
          .patch(`/users/${await userId(email)}`, { status: 'disabled' })
      ).status,
    ).toBe(200);
    // the instance that made the change: the very next request
    expect((await api(a).as(here).get('/auth/me')).status).toBe(401);
    // the other instance: as soon as the notice is delivered
    expect(await within(5000, async () => (await other.get('/auth/me', there)) === 401)).toBe(true);
    expect(await other.get('/auth/me', there)).toBe(401);
  });

  it('the instance that makes a change sees it at once, notice or not (disabling, signing out everywhere, a country moved)', async () => {
    const email = 'ngo2.kz@example.org';
    let token = await keptHere(email);
    const id = await userId(email);
    // no notice from here on: only the instance's own eviction can make these pass
    await a.dataSource.query(`ALTER TABLE app_user DISABLE TRIGGER app_user_changed`);
    await a.dataSource.query(`ALTER TABLE organisation DISABLE TRIGGER organisation_country_changed`);
    try {
      expect((await api(a).as(admin).patch(`/users/${id}`, { status: 'disabled' })).status).toBe(200);
      expect((await api(a).as(token).get('/auth/me')).status).toBe(401);
      expect((await api(a).as(admin).patch(`/users/${id}`, { status: 'active' })).status).toBe(200);

      token = await keptHere(email);
      expect((await api(a).as(token).post('/auth/logout', {})).status).toBe(204);
      expect((await api(a).as(token).get('/auth/me')).status).toBe(401);

      // the NGO's country is its organisation's: moved, its funds are another country's
      const fresh = await signIn(email);
      const fundsOf = async () => ((await api(a).as(fresh).get('/funds')).body.items as { country: string }[]).map((f) => f.country);
      expect(await fundsOf()).toEqual(['KZ']);
      const [org] = (await a.dataSource.query(
        `SELECT o.id, o.version FROM organisation o JOIN app_user u ON u.organisation_id = o.id WHERE u.id = $1`,
        [id],
      )) as { id: string; version: number }[];
      const moved = await api(a).as(admin).patch(`/organisations/${org.id}`, { country: 'KG', version: org.version });
      expect(moved.status).toBe(200);
      expect(await fundsOf()).toEqual(['KG']);
      await api(a).as(admin).patch(`/organisations/${org.id}`, { country: 'KZ', version: moved.body.version });
    } finally {
      await a.dataSource.query(`ALTER TABLE organisation ENABLE TRIGGER organisation_country_changed`);
      await a.dataSource.query(`ALTER TABLE app_user ENABLE TRIGGER app_user_changed`);
    }
  });

  it("an officer's countries changed on one instance are what the other instance checks next", async () => {
    const { award } = await approvedAward(a, 'kz');
    const email = 'officer.kz@example.org';
    const path = `/applications/${award.applicationId}`;
    const there = await keptThere(email, path);

    const id = await userId(email);
    const assign = async (countries: string[]) => expect((await api(a).as(admin).patch(`/users/${id}`, { countries })).status).toBe(200);
    await assign(['KG']);
    expect(await within(5000, async () => (await other.get(path, there)) === 404)).toBe(true);
    await assign(['KZ']);
    expect(await within(5000, async () => (await other.get(path, there)) === 200)).toBe(true);
  });

  it('a change written straight to the database (not by the service) reaches every instance', async () => {
    const email = 'auditor@example.org';
    const here = await keptHere(email);
    const there = await keptThere(email);
    await a.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE email_normalised = $1`, [email]);
    expect(await within(5000, async () => (await api(a).as(here).get('/auth/me')).status === 401)).toBe(true);
    expect(await within(5000, async () => (await other.get('/auth/me', there)) === 401)).toBe(true);
    await a.dataSource.query(`UPDATE app_user SET status = 'active' WHERE email_normalised = $1`, [email]);
    expect(await within(5000, async () => (await other.get('/auth/me', there)) === 200)).toBe(true);
  });

  it('signing in (last sign-in, failure count) sends no notice: the record stays kept', async () => {
    const email = 'finance@example.org';
    const token = await keptHere(email);
    const epoch = () => (signedIn as unknown as { epoch: number }).epoch;
    const before = epoch();
    expect((await api(a).post('/auth/login', { email, password: PASSWORD() })).status).toBe(200);
    expect((await api(a).post('/auth/login', { email, password: 'not-the-password-1' })).status).toBe(401);
    // notices are delivered in the order their transactions committed: this one marks the end
    await a.dataSource.query(`SELECT pg_notify('ef_user_changed', '00000000-0000-0000-0000-000000000000')`);
    expect(await within(5000, () => epoch() > before)).toBe(true);
    expect(epoch()).toBe(before + 1);
    expect((await api(a).as(token).get('/auth/me')).status).toBe(200);
  });

  it('notices missed while the listener was away leave nothing stale: the records go when it is lost', async () => {
    const email = 'ngo.kg@example.org';
    const token = await keptHere(email);
    // no notice can be sent from here on, and the listeners go
    await a.dataSource.query(`ALTER TABLE app_user DISABLE TRIGGER app_user_changed`);
    try {
      await a.dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_APPLICATION_NAME],
      );
      expect(await within(5000, () => !signedIn.keeping)).toBe(true);
      await a.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE email_normalised = $1`, [email]);
      // read from the database while it is away, and after it is back (what it kept went with it)
      expect((await api(a).as(token).get('/auth/me')).status).toBe(401);
      expect(await within(10_000, async () => (await api(a).as(token).get('/auth/me')).status === 401 && signedIn.keeping)).toBe(true);
      expect((await api(a).as(token).get('/auth/me')).status).toBe(401);
    } finally {
      await a.dataSource.query(`ALTER TABLE app_user ENABLE TRIGGER app_user_changed`);
    }
  });

  it('a read under way when the user changes is not kept', async () => {
    expect(await within(5000, () => signedIn.keeping)).toBe(true);
    const id = '11111111-1111-4111-8111-111111111111';
    let release!: (record: { v: number }) => void;
    const slow = signedIn.read(
      id,
      () => new Promise<{ v: number }>((resolve) => (release = resolve)),
      () => true,
    );
    signedIn.forget(id);
    release({ v: 1 });
    expect(await slow).toEqual({ v: 1 });
    let loads = 0;
    expect(
      await signedIn.read(
        id,
        async () => ({ v: 2 + loads++ }),
        () => true,
      ),
    ).toEqual({ v: 2 });
    // from memory now: nothing changed since
    expect(
      await signedIn.read(
        id,
        async () => ({ v: 2 + loads++ }),
        () => true,
      ),
    ).toEqual({ v: 2 });
    expect(loads).toBe(1);
    // and a kept record its caller cannot use is read again
    expect(
      await signedIn.read(
        id,
        async () => ({ v: 2 + loads++ }),
        (r) => r.v !== 2,
      ),
    ).toEqual({ v: 3 });
  });
});
