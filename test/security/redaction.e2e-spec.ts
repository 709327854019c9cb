import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Issue 16, points 1 and 10: no survivor PII in permanent records; no invisible characters in names. */
describe('redaction of free text and plain names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps a name written in Cyrillic (registered in Latin), the date of birth and the phone out of audit and history', async () => {
    const ngo = api(t).as(await t.login('ngo.kg@example.org'));
    const officer = api(t).as(await t.login('officer.kg@example.org'));
    const b = await ngo.post('/beneficiaries', {
      category: 'VM',
      sex: 'female',
      birthYear: 1990,
      nationality: 'KG',
      fullName: 'Aigul Nurlanova Redactova',
      dateOfBirth: '1990-03-14',
      documentNumber: 'ID 7654321',
      phone: '+996 555 123 456',
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    expect(b.status).toBe(201);
    const said = 'Для Нурлановой Ай\u200Bгуль (д.р. 14.03.1990, 14 марта 1990), тел. 0555-123-456, (555)123456, паспорт ID 765-43-21';
    const d = await ngo.post('/applications', {
      beneficiaryId: b.body.id,
      urgency: 'standard',
      justification: said,
      stateSupport: { requested: true, outcome: 'refused' },
      items: [{ type: 'medical', description: `Surgery: ${said}`, amount: '4500.00' }],
    });
    expect(d.status).toBe(201);
    const id = d.body.id as string;
    expect((await ngo.post(`/applications/${id}/submit`, { comment: said })).status).toBe(200);
    expect((await officer.post(`/applications/${id}/claim`, { comment: said })).status).toBe(200);
    expect((await officer.post(`/applications/${id}/decisions`, { decision: 'request_info', comment: said })).status).toBe(200);
    const rows: { text: string }[] = await t.dataSource.query(
      `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_event WHERE entity_id = $1
       UNION ALL SELECT coalesce(comment, '') FROM application_event WHERE application_id = $1`,
      [id],
    );
    const all = rows.map((r) => r.text).join('\n');
    expect(all).toContain('***');
    for (const trace of ['Нурланов', 'Айгуль', 'Ай\u200Bгуль', '14.03.1990', '14 марта', '0555-123-456', '123456', '7654321', '765-43-21'])
      expect([trace, all.includes(trace)]).toEqual([trace, false]);
    const admin = api(t).as(await t.login('admin@example.org'));
    const csv = await admin.get('/reports/follow-ups?format=csv');
    expect(csv.text).not.toMatch(/Nurlanov|Нурланов/);
  });

  it('keeps a message that must name the person encrypted at rest; its audit event holds only its length', async () => {
    const ngo = api(t).as(await t.login('ngo.kg@example.org'));
    const b = await ngo.post('/beneficiaries', {
      category: 'VM',
      sex: 'male',
      birthYear: 1985,
      nationality: 'KG',
      fullName: 'Bakyt Messageov',
      dateOfBirth: '1985-06-01',
      documentNumber: 'AN 1234567',
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    expect([b.status, b.body.details]).toEqual([201, undefined]);
    const d = await ngo.post('/applications', {
      beneficiaryId: b.body.id,
      urgency: 'standard',
      stateSupport: { requested: true, outcome: 'refused' },
      items: [{ type: 'legal', description: 'Lawyer fees', amount: '900.00' }],
    });
    const text = 'Бакыт Мессагеов приедет в пятницу; его паспорт AN 1234567 у нас.';
    const posted = await ngo.post(`/applications/${d.body.id}/messages`, { body: text });
    expect(posted.status).toBe(201);
    expect(posted.body.body).toBe(text);
    expect((await ngo.get(`/applications/${d.body.id}/messages`)).body.items.map((m: { body: string }) => m.body)).toEqual([text]);
    const [row] = await t.dataSource.query(`SELECT row_to_json(m)::text AS raw FROM application_message m WHERE id = $1`, [posted.body.id]);
    expect(row.raw).not.toContain('Бакыт');
    expect(row.raw).not.toContain('1234567');
    const events = await t.dataSource.query(
      `SELECT after::text AS after FROM audit_event WHERE action = 'application.message' AND entity_id = $1`,
      [d.body.id],
    );
    expect(events).toEqual([{ after: expect.stringContaining(`"length": ${text.length}`) }]);
    expect(events[0].after).not.toContain('Бакыт');
  });

  it('refuses a name with a right-to-left override, naming the field', async () => {
    const ngo = api(t).as(await t.login('ngo.kg@example.org'));
    const res = await ngo.post('/beneficiaries', {
      category: 'VM',
      sex: 'female',
      birthYear: 1990,
      nationality: 'KG',
      fullName: 'Aigul \u202Eavonalrun',
      dateOfBirth: '1990-03-14',
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('fullName');
    const admin = api(t).as(await t.login('admin@example.org'));
    const user = await admin.post('/users', { email: 'rtl@example.org', fullName: 'Ali\u200Bev', role: 'auditor' });
    expect(user.status).toBe(400);
    expect(JSON.stringify(user.body)).toContain('fullName');
  });
});
