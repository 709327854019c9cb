import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock/clock.js';
import { LetterRenderer } from '../../src/modules/letters/render/letter-renderer.js';
import { SchedulerService } from '../../src/modules/scheduler/scheduler.service.js';
import { lettersRendered } from '../helpers/flows.js';
import { pdfText } from '../helpers/pdf-text.js';
import { api, binary, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Award {
  id: string;
  number: string;
  applicationId: string;
  amount: string;
  version: number;
  letterVersion: number;
  fundId: string;
  items: { itemId: string; amount: string; description: string }[];
  letter: { status: string; verificationCode: string; sha256: string | null; version: number; language: string };
}

describe('award letters', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let person = 0;
  const as = (who: string) => api(t).as(tok[who]);
  const download = (who: string, path: string) => as(who).get(path).buffer(true).parse(binary);

  /** An approved application of a new person; the first item's description names the person. */
  const approved = async (
    opts: { language?: string; name?: string } = {},
  ): Promise<{ award: Award; name: string; doc: string; items: string[] }> => {
    const n = ++person;
    const name = opts.name ?? `Айгуль Нурланова${'а'.repeat(n % 3)} Test${n}`;
    const doc = `N${String(7_000_000 + n)}`;
    const b = await as('ngo.kz').post('/beneficiaries', {
      category: 'VOT',
      sex: 'female',
      birthYear: 1991,
      nationality: 'UZ',
      fullName: name,
      dateOfBirth: `1991-04-${String((n % 27) + 1).padStart(2, '0')}`,
      documentNumber: doc,
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    expect(b.status).toBe(201);
    const d = await as('ngo.kz').post('/applications', {
      beneficiaryId: b.body.id,
      urgency: 'urgent',
      language: opts.language ?? 'ru',
      stateSupport: { requested: true, outcome: 'refused' },
      items: [
        { type: 'documents', description: `Passport restoration for ${name}, passport ${doc}`, amount: '45000.00' },
        { type: 'social', description: 'Азық-түлік себеті (Kazakh: ә ғ қ ң ө ұ ү һ і)', amount: '12000.50' },
      ],
    });
    expect(d.status).toBe(201);
    await as('ngo.kz').post(`/applications/${d.body.id}/submit`).expect(200);
    await as('officer.kz').post(`/applications/${d.body.id}/claim`).expect(200);
    const r = await as('officer.kz').post(`/applications/${d.body.id}/decisions`, {
      decision: 'approve',
      conditions: `Receipts within 30 days; do not name ${name}.`,
    });
    expect(r.status).toBe(200);
    // the letter is rendered after the answer
    await lettersRendered(t);
    const list = await as('ngo.kz').get('/awards?limit=100');
    const award = list.body.items.find((a: { applicationId: string }) => a.applicationId === d.body.id) as Award;
    return { award, name, doc, items: d.body.items.map((i: { id: string }) => i.id) };
  };

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://ef.example.org' });
    await loginAll(t, ['ngo.kz', 'ngo2.kz', 'officer.kz', 'officer2.kz', 'officer.kg', 'finance', 'auditor', 'admin'], tok);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(() => t.close());

  it('issues the letter with the approval: the PDF states number, amount, currency and code, and names nobody', async () => {
    const { award, name, doc } = await approved();
    expect(award.letter).toMatchObject({ status: 'issued', version: 1, language: 'ru' });
    expect(award.letter.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{32}$/);
    const res = await download('ngo.kz', `/awards/${award.id}/letter`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${award.number}-v1-ru.pdf`);
    const bytes = res.body as Buffer;
    expect(sha256(bytes)).toBe(award.letter.sha256);
    expect(res.headers['x-content-sha256']).toBe(award.letter.sha256);

    const text = await pdfText(bytes);
    for (const expected of [
      award.number,
      '57 000,50 KZT',
      '45 000,00',
      'KZT',
      'Азық-түлік себеті',
      'ә ғ қ ң ө ұ ү һ і',
      'Письмо о предоставлении помощи',
      'Sana Sezim',
    ]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
    const code = (await as('ngo.kz').get(`/beneficiaries?limit=100`)).body.items.find(
      (b: { pii?: { fullName: string } }) => b.pii?.fullName === name,
    ).code;
    expect(text).toContain(code);
    // the description and conditions named the person and the passport: blanked in the award and the letter
    for (const secret of [name, ...name.split(' '), doc]) expect([secret, text.includes(secret)]).toEqual([secret, false]);
    expect(text).toContain('Passport restoration for *** *** ***, passport ***');
    expect(JSON.stringify(award)).not.toContain(doc);
    expect(award.items[0].description).toBe('Passport restoration for *** *** ***, passport ***');
  });

  it('returns the same bytes on every download without rendering again; verification gives their SHA-256', async () => {
    const { award } = await approved();
    const render = jest.spyOn(t.app.get(LetterRenderer), 'render');
    const first = (await download('ngo.kz', `/awards/${award.id}/letter`)).body as Buffer;
    const second = (await download('ngo.kz', `/awards/${award.id}/letter?lang=ru&version=1`)).body as Buffer;
    const asFinance = (await download('finance', `/awards/${award.id}/letter`)).body as Buffer;
    expect(first.equals(second)).toBe(true);
    expect(first.equals(asFinance)).toBe(true);
    expect(render).not.toHaveBeenCalled();

    const v = await api(t).get(`/letters/verify/${award.letter.verificationCode.toLowerCase().replace(/(.{4})/g, '$1-')}`);
    expect(v.status).toBe(200);
    const [{ printed }] = await t.dataSource.query(
      `SELECT left(content->>'issuedOn', 10) AS printed FROM award_letter WHERE award_id = $1 AND version = 1 AND language = 'ru'`,
      [award.id],
    );
    expect(v.body).toEqual({
      valid: true,
      status: 'current',
      awardNumber: award.number,
      version: 1,
      currentVersion: 1,
      language: 'ru',
      date: printed, // the approval's day, as printed on the letter (not when the file was made)
      issuedAt: expect.any(String),
      amount: '57000.50',
      currency: 'KZT',
      organisation: 'Sana Sezim',
      sha256: sha256(first),
    });
  });

  it('keeps letters in scope: another NGO and another country get 404', async () => {
    const { award } = await approved();
    expect((await as('ngo2.kz').get(`/awards/${award.id}/letter`)).status).toBe(404);
    expect((await as('officer.kg').get(`/awards/${award.id}/letter`)).status).toBe(404);
    expect((await as('ngo2.kz').get(`/awards/${award.id}/letters`)).status).toBe(404);
    for (const who of ['officer.kz', 'auditor', 'admin']) expect((await as(who).get(`/awards/${award.id}/letter`)).status).toBe(200);
  });

  it('answers 404 for unknown codes and 400 for what cannot be a code; verification shows no personal data', async () => {
    expect((await api(t).get(`/letters/verify/${'7'.repeat(32)}`)).status).toBe(404);
    const bad = await api(t).get('/letters/verify/not-a-code');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
    const { award, name, doc } = await approved();
    const v = await api(t).get(`/letters/verify/${award.letter.verificationCode}`);
    expect(Object.keys(v.body).sort()).toEqual([
      'amount',
      'awardNumber',
      'currency',
      'currentVersion',
      'date',
      'issuedAt',
      'language',
      'organisation',
      'sha256',
      'status',
      'valid',
      'version',
    ]);
    expect(JSON.stringify(v.body)).not.toMatch(new RegExp(`${name}|${doc}|BEN-`));
  });

  it('shows a page to a browser that opens the QR code', async () => {
    const { award } = await approved();
    const page = await api(t).get(`/letters/verify/${award.letter.verificationCode}`).set('Accept', 'text/html,application/xhtml+xml');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Genuine and current');
    expect(page.text).toContain(award.number);
    expect(page.text).toContain('57000.50 KZT');
    expect(page.text).not.toMatch(/<script/i);
    const unknown = await api(t)
      .get(`/letters/verify/${'7'.repeat(32)}`)
      .set('Accept', 'text/html');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('No letter has this code');
  });

  it('issues version 2 on amendment and keeps version 1 byte for byte; the old code then says superseded', async () => {
    const { award, items, name } = await approved();
    const v1 = (await download('ngo.kz', `/awards/${award.id}/letter`)).body as Buffer;
    const fundBefore = (await as('admin').get(`/funds/${award.fundId}`)).body.ledger;

    const amend = await as('officer.kz').post(`/awards/${award.id}/amendments`, {
      version: award.version,
      reason: `The consulate lowered its fee for ${name}.`,
      items: [{ itemId: items[0], approvedAmount: '30000.00' }],
      conditions: 'Receipts within 14 days.',
    });
    expect(amend.status).toBe(200);
    expect(amend.body).toMatchObject({
      amount: '42000.50',
      letterVersion: 2,
      version: award.version + 1,
      conditions: 'Receipts within 14 days.',
    });
    expect(amend.body.letter).toMatchObject({ version: 2, status: 'issued' });
    expect(amend.body.letter.verificationCode).not.toBe(award.letter.verificationCode);

    const v2 = (await download('ngo.kz', `/awards/${award.id}/letter`)).body as Buffer;
    expect(v2.equals(v1)).toBe(false);
    const text2 = await pdfText(v2);
    expect(text2).toContain('Это версия 2 письма. Она заменяет версию 1');
    expect(text2).toContain('The consulate lowered its fee for *** *** ***.');
    expect(text2).not.toContain(name.split(' ')[0]);
    expect(text2).toContain('42 000,50 KZT');
    const again = (await download('ngo.kz', `/awards/${award.id}/letter?version=1`)).body as Buffer;
    expect(again.equals(v1)).toBe(true);
    expect((await as('ngo.kz').get(`/awards/${award.id}/letter?version=3`)).status).toBe(404);

    const old = await api(t).get(`/letters/verify/${award.letter.verificationCode}`);
    expect(old.body).toMatchObject({
      valid: false,
      status: 'superseded',
      version: 1,
      currentVersion: 2,
      amount: '57000.50',
      sha256: sha256(v1),
    });
    const current = await api(t).get(`/letters/verify/${amend.body.letter.verificationCode}`);
    expect(current.body).toMatchObject({ valid: true, version: 2, amount: '42000.50', sha256: sha256(v2) });

    // the commitment follows the amount: 15000.00 released, in the ledger and the audit log
    const fundAfter = (await as('admin').get(`/funds/${award.fundId}`)).body.ledger;
    expect(Number(fundBefore.committed) - Number(fundAfter.committed)).toBeCloseTo(15000, 2);
    const entries = (await as('admin').get(`/funds/${award.fundId}/ledger-entries?limit=100`)).body.items;
    expect(
      entries.some(
        (e: { kind: string; refId: string; committedDelta: string }) =>
          e.kind === 'release' && e.refId === award.id && e.committedDelta === '-15000.00',
      ),
    ).toBe(true);
    const audit = (await as('auditor').get(`/audit-events?entityType=award&entityId=${award.id}`)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('award.amend');
    expect(JSON.stringify(audit)).not.toContain(name.split(' ')[0]);

    const letters = (await as('ngo.kz').get(`/awards/${award.id}/letters`)).body.items;
    expect(letters.map((l: { version: number; amendmentReason: string | null }) => [l.version, l.amendmentReason])).toEqual([
      [1, null],
      [2, 'The consulate lowered its fee for *** *** ***.'],
    ]);
  });

  it('refuses amendments that are malformed, stale, out of scope or beyond the request', async () => {
    const { award, items } = await approved();
    const path = `/awards/${award.id}/amendments`;
    const bad = await as('officer.kz').post(path, { version: 'x', reason: 'short', items: [{ itemId: 'nope', approvedAmount: '-1' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'items.0.approvedAmount',
      'items.0.itemId',
      'reason',
      'version',
    ]);
    expect(
      (await as('officer.kz').post(path, { version: award.version + 5, reason: 'A valid reason here.', conditions: 'x' })).status,
    ).toBe(409);
    expect((await as('officer.kg').post(path, { version: award.version, reason: 'A valid reason here.', conditions: 'x' })).status).toBe(
      404,
    );
    expect((await as('ngo.kz').post(path, { version: award.version, reason: 'A valid reason here.', conditions: 'x' })).status).toBe(403);
    const over = await as('officer.kz').post(path, {
      version: award.version,
      reason: 'A valid reason here.',
      items: [{ itemId: items[0], approvedAmount: '45000.01' }],
    });
    expect(over.status).toBe(400);
    const same = await as('officer.kz').post(path, {
      version: award.version,
      reason: 'A valid reason here.',
      items: [{ itemId: items[0], approvedAmount: '45000.00' }],
    });
    expect(same.status).toBe(400);
    expect((await as('ngo.kz').get(`/awards/${award.id}`)).body).toMatchObject({
      letterVersion: 1,
      version: award.version,
      amount: '57000.50',
    });
  });

  it("answers an award on its own as the list does, with the current version's first letter, before and after an amendment and another language", async () => {
    const { award, items } = await approved();
    const same = async () => {
      const one = (await as('ngo.kz').get(`/awards/${award.id}`)).body;
      const listed = (await as('ngo.kz').get(`/awards?applicationId=${award.applicationId}`)).body.items;
      expect(listed).toEqual([one]);
      return one;
    };
    expect(await same()).toMatchObject({
      letterVersion: 1,
      letter: { version: 1, language: 'ru', status: 'issued', amendmentReason: null },
    });
    const amended = await as('officer.kz').post(`/awards/${award.id}/amendments`, {
      version: award.version,
      reason: 'The consulate lowered its fee.',
      items: [{ itemId: items[0], approvedAmount: '30000.00' }],
    });
    expect(amended.status).toBe(200);
    await lettersRendered(t);
    await download('ngo.kz', `/awards/${award.id}/letter?lang=en`).expect(200);
    const after = await same();
    expect(after).toMatchObject({
      letterVersion: 2,
      amount: '42000.50',
      letter: { version: 2, language: 'ru', status: 'issued', amendmentReason: 'The consulate lowered its fee.' },
    });
    expect(after.letter.issuedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(after).toEqual({ ...amended.body, letter: after.letter });
  });

  it('issues another language on first request, once, with its own code', async () => {
    const { award } = await approved({ language: 'kk' }); // no Kazakh template yet: the letter is in Russian
    expect(award.letter.language).toBe('ru');
    const en = await download('ngo.kz', `/awards/${award.id}/letter?lang=en`);
    expect(en.status).toBe(200);
    expect(await pdfText(en.body as Buffer)).toContain('Award letter');
    const again = await download('ngo.kz', `/awards/${award.id}/letter?lang=en`);
    expect((again.body as Buffer).equals(en.body as Buffer)).toBe(true);
    const letters = (await as('ngo.kz').get(`/awards/${award.id}/letters`)).body.items;
    expect(letters.map((l: { language: string }) => l.language)).toEqual(['ru', 'en']);
    expect(new Set(letters.map((l: { verificationCode: string }) => l.verificationCode)).size).toBe(2);
    const lang = await as('ngo.kz').get(`/awards/${award.id}/letter?lang=xx`);
    expect(lang.status).toBe(400);
    expect(lang.body.details).toEqual([{ field: 'lang', message: 'lang must be one of en, ru' }]);
  });

  it('renders a letter once when many ask for it at the same time, and audits the issue', async () => {
    const { award } = await approved();
    const render = jest.spyOn(t.app.get(LetterRenderer), 'render');
    const results = await Promise.all(Array.from({ length: 8 }, () => download('ngo.kz', `/awards/${award.id}/letter?lang=en`)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => sha256(r.body as Buffer))).size).toBe(1);
    expect(render).toHaveBeenCalledTimes(1);
    const rows = await t.dataSource.query(`SELECT id FROM award_letter WHERE award_id = $1 AND language = 'en'`, [award.id]);
    expect(rows).toHaveLength(1);
    const events = (await as('auditor').get(`/audit-events?entityType=award_letter&entityId=${rows[0].id}`)).body.items;
    expect(events).toEqual([
      expect.objectContaining({
        action: 'letter.issue',
        after: expect.objectContaining({ sha256: sha256(results[0].body as Buffer), language: 'en' }),
      }),
    ]);
  });

  it('keeps the award when rendering fails; the scheduler issues the letter later', async () => {
    jest.spyOn(t.app.get(LetterRenderer), 'render').mockRejectedValue(new Error('renderer down'));
    const { award } = await approved();
    expect(award.letter).toMatchObject({ status: 'pending', sha256: null });
    const award2 = (await as('admin').get(`/awards/${award.id}`)).body;
    expect(award2.status).toBe('active');
    const notYet = await as('ngo.kz').get(`/awards/${award.id}/letter`);
    expect(notYet.status).toBe(503);
    expect(notYet.body.code).toBe('LETTER_NOT_READY');

    jest.restoreAllMocks();
    const scheduler = t.app.get(SchedulerService);
    expect(await scheduler.issueDueLetters()).toBe(0); // backing off after the failures
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 3_600_000));
    expect(await scheduler.issueDueLetters()).toBe(1);
    expect(await scheduler.issueDueLetters()).toBe(0);
    const issued = (await as('ngo.kz').get(`/awards/${award.id}`)).body.letter;
    expect(issued.status).toBe('issued');
    const bytes = (await download('ngo.kz', `/awards/${award.id}/letter`)).body as Buffer;
    expect(sha256(bytes)).toBe(issued.sha256);
  });

  it('has the database refuse to change an issued letter or delete any', async () => {
    const { award } = await approved();
    await expect(t.dataSource.query(`UPDATE award_letter SET sha256 = repeat('0', 64) WHERE award_id = $1`, [award.id])).rejects.toThrow(
      /cannot change/,
    );
    await expect(t.dataSource.query(`DELETE FROM award_letter WHERE award_id = $1`, [award.id])).rejects.toThrow(/never deleted/);
    await expect(
      t.dataSource.query(`UPDATE stored_file SET bytes = 'x' WHERE id = (SELECT file_key FROM award_letter WHERE award_id = $1)`, [
        award.id,
      ]),
    ).rejects.toThrow(/append-only/);
  });
});
