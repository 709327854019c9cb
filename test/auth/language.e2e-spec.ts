import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

describe("a user's language, remembered on their account", () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'officer.kg', 'finance', 'admin', 'auditor'], tok);
  });
  afterAll(() => t.close());

  it('is null until chosen, in /auth/me and in the sign-in answer', async () => {
    expect((await as('ngo.kz').get('/auth/me')).body.language).toBeNull();
    const login = await api(t).post('/auth/login', { email: 'finance@example.org', password: PASSWORD() });
    expect(login.status).toBe(200);
    expect(login.body.user).toHaveProperty('language', null);
  });

  it.each(['ngo.kz', 'officer.kg', 'finance', 'admin', 'auditor'])(
    '%s sets their own, which /auth/me and the next sign-in return',
    async (who) => {
      const before = (await as(who).get('/auth/me')).body as { id: string; version: number };
      const res = await as(who).patch('/auth/me', { language: 'ru' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: before.id, language: 'ru', version: before.version + 1 });
      expect((await as(who).get('/auth/me')).body.language).toBe('ru');
      const login = await api(t).post('/auth/login', { email: `${who}@example.org`, password: PASSWORD() });
      expect(login.body.user).toMatchObject({ id: before.id, language: 'ru' });
      // the token still works: choosing a language ends no session
      expect((await as(who).get('/auth/me')).status).toBe(200);
    },
  );

  it('changes only the caller: another user keeps theirs', async () => {
    await as('ngo.kz').patch('/auth/me', { language: 'en' }).expect(200);
    const users = (await as('admin').get('/users?limit=100')).body.items as { email: string; language: string | null }[];
    expect(users.find((u) => u.email === 'ngo.kz@example.org')?.language).toBe('en');
    expect(users.find((u) => u.email === 'officer.kz@example.org')?.language).toBeNull();
  });

  it('refuses a language not on the list with 400 naming the field, and a stale version with 409', async () => {
    for (const language of ['de', 'RU', '', 7, 'kk-KZ']) {
      const res = await as('ngo.kz').patch('/auth/me', { language });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['language']);
    }
    const extra = await as('ngo.kz').patch('/auth/me', { language: 'ru', role: 'admin' });
    expect(extra.status).toBe(400);
    expect((await as('ngo.kz').get('/auth/me')).body.role).toBe('ngo');
    const me = (await as('ngo.kz').get('/auth/me')).body as { version: number; language: string };
    const stale = await as('ngo.kz').patch('/auth/me', { language: 'ru', version: me.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: me.version });
    expect((await as('ngo.kz').patch('/auth/me', { language: null, version: me.version })).body.language).toBeNull();
  });

  it('needs a token', async () => {
    expect((await api(t).patch('/auth/me', { language: 'ru' })).status).toBe(401);
  });

  it('is audited as a change of the user, by the user, with the language and no personal data', async () => {
    const me = (await as('officer.kg').get('/auth/me')).body as { id: string };
    await as('officer.kg').patch('/auth/me', { language: 'en' }).expect(200);
    const audit = await as('admin').get('/audit-events').query({ entityType: 'user', entityId: me.id });
    const event = audit.body.items.find(
      (e: { action: string; after: { language?: string } }) => e.action === 'user.update' && e.after?.language === 'en',
    );
    expect(event).toMatchObject({ actorId: me.id, actorRole: 'officer', before: { language: 'ru' }, after: { language: 'en' } });
    const raw = JSON.stringify(event);
    for (const pii of ['officer.kg@example.org', 'passwordHash']) expect(raw).not.toContain(pii);
    expect(Object.keys(event.after)).toEqual(['language']);
  });
});
