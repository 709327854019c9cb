import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AppConfig } from '../../src/config/app-config.js';
import { LetterRenderer } from '../../src/modules/letters/render/letter-renderer.js';
import { approvedAward, type ApprovedAward } from '../helpers/flows.js';
import { api, binary, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const BASE = 'https://ef.example.org';
const DAY = 86_400_000;
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

interface Created {
  id: string;
  language: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: string;
  openCount: number;
  lastOpenedAt: string | null;
  token: string;
  url: string;
}

describe('award letter share links', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  /** Every token this file was given: none may reach the logs, the audit trail or the database. */
  const tokens: string[] = [];
  const as = (who: string) => api(t).as(tok[who]);
  const links = (awardId: string) => `/awards/${awardId}/share-links`;

  const share = async (awardId: string, body: object = {}, who = 'ngo.kz'): Promise<Created> => {
    const res = await as(who).post(links(awardId), body);
    expect(res.status).toBe(201);
    tokens.push(res.body.token);
    return res.body as Created;
  };
  const open = (token: string, accept = 'application/json') => api(t).get(`/shared/${token}`).set('Accept', accept);
  const pdf = (token: string) => api(t).get(`/shared/${token}/letter.pdf`).buffer(true).parse(binary);
  const listed = async (awardId: string, id: string, who = 'ngo.kz') =>
    ((await as(who).get(links(awardId))).body.items as Created[]).find((l) => l.id === id)!;

  let award: ApprovedAward;
  let personName: string;
  let beneficiaryCode: string;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: BASE });
    await loginAll(t, ['ngo.kz', 'ngo2.kz', 'ngo.kg', 'officer.kz', 'officer.kg', 'admin', 'finance', 'auditor'], tok);
    const made = await approvedAward(t);
    award = made.award;
    personName = made.name;
    beneficiaryCode = (await as('ngo.kz').get(`/awards/${award.id}`)).body.beneficiaryCode;
    expect(beneficiaryCode).toMatch(/^BEN-/);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(() => t.close());

  describe('making a link', () => {
    it('gives the token and the absolute URL once, for 30 days in the award language by default, and stores only its hash', async () => {
      const before = Date.now();
      const link = await share(award.id);
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(link.url).toBe(`${BASE}/api/v1/shared/${link.token}`);
      expect(link).toMatchObject({ language: 'en', status: 'active', revokedAt: null, openCount: 0, lastOpenedAt: null });
      const expires = Date.parse(link.expiresAt);
      expect(expires).toBeGreaterThanOrEqual(before + 30 * DAY - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 30 * DAY + 1000);

      const [row] = await t.dataSource.query('SELECT * FROM award_share_link WHERE id = $1', [link.id]);
      expect(row.token_hash).toBe(sha256(link.token));
      expect(JSON.stringify(row)).not.toContain(link.token);
    });

    it('takes another letter language and a number of days', async () => {
      const before = Date.now();
      const link = await share(award.id, { language: 'ru', expiresInDays: 7 });
      expect(link.language).toBe('ru');
      expect(Date.parse(link.expiresAt)).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
      expect(Date.parse(link.expiresAt)).toBeLessThanOrEqual(Date.now() + 7 * DAY + 1000);
      expect((await share(award.id, { expiresInDays: 90 })).status).toBe('active');
      expect((await share(award.id, { expiresInDays: 1 })).status).toBe('active');
    });

    it('gives the path when the service has no public base URL', async () => {
      const config = t.app.get(AppConfig);
      const base = config.PUBLIC_BASE_URL;
      config.PUBLIC_BASE_URL = undefined;
      try {
        const link = await share(award.id);
        expect(link.url).toBe(`/api/v1/shared/${link.token}`);
        expect((await open(link.token)).body.letterUrl).toBe(`/api/v1/shared/${link.token}/letter.pdf`);
      } finally {
        config.PUBLIC_BASE_URL = base;
      }
    });

    it('refuses a language without a letter template and days outside 1..90, listing every field', async () => {
      const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM award_share_link'))[0].n);
      const before = await count();
      const both = await as('ngo.kz').post(links(award.id), { language: 'de', expiresInDays: 0 });
      expect(both.status).toBe(400);
      expect(both.body.code).toBe('VALIDATION_FAILED');
      expect(both.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['expiresInDays', 'language']);
      expect(both.body.details.find((d: { field: string }) => d.field === 'language').message).toContain('en, ru');
      for (const body of [
        { expiresInDays: 91 },
        { expiresInDays: 1.5 },
        { expiresInDays: '30' },
        { language: 'kk' }, // a language letters fall back from, not a template
        { language: 42 },
        { token: 'mine' },
      ]) {
        const res = await as('ngo.kz').post(links(award.id), body);
        expect([body, res.status]).toEqual([body, 400]);
      }
      expect(await count()).toBe(before);
    });

    it('is for the NGO of the award: officers may not make links, other NGOs and countries get 404', async () => {
      expect((await as('officer.kz').post(links(award.id), {})).status).toBe(403);
      expect((await as('admin').post(links(award.id), {})).status).toBe(403);
      expect((await as('ngo2.kz').post(links(award.id), {})).status).toBe(404);
      expect((await as('ngo.kg').post(links(award.id), {})).status).toBe(404);
    });

    it('allows 20 active links per award, and another once one is withdrawn', async () => {
      const { award: busy } = await approvedAward(t);
      const made: Created[] = [];
      for (let i = 0; i < 20; i++) made.push(await share(busy.id, { expiresInDays: 1 }));
      const refused = await as('ngo.kz').post(links(busy.id), {});
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'SHARE_LINK_LIMIT', limit: 20 });
      await as('ngo.kz')
        .post(`${links(busy.id)}/${made[0].id}/revoke`)
        .expect(200);
      await t.dataSource.query(`UPDATE award_share_link SET expires_at = now() - interval '1 second' WHERE id = $1`, [made[1].id]);
      await share(busy.id);
      await share(busy.id);
      expect((await as('ngo.kz').post(links(busy.id), {})).status).toBe(409);
    });
  });

  describe('listing and withdrawing', () => {
    it('lists every link of the award, newest first, without tokens, for the NGO, the officers of the country and admins', async () => {
      const { award: own } = await approvedAward(t);
      const first = await share(own.id);
      const second = await share(own.id, { language: 'ru', expiresInDays: 10 });
      for (const who of ['ngo.kz', 'officer.kz', 'admin']) {
        const res = await as(who).get(links(own.id));
        expect([who, res.status]).toEqual([who, 200]);
        expect(res.body.items.map((l: Created) => l.id)).toEqual([second.id, first.id]);
        expect(Object.keys(res.body.items[0]).sort()).toEqual([
          'createdAt',
          'expiresAt',
          'id',
          'language',
          'lastOpenedAt',
          'openCount',
          'revokedAt',
          'status',
        ]);
        expect(JSON.stringify(res.body)).not.toContain(first.token);
        expect(JSON.stringify(res.body)).not.toContain(second.token);
      }
      for (const who of ['ngo2.kz', 'ngo.kg', 'officer.kg']) expect([who, (await as(who).get(links(own.id))).status]).toEqual([who, 404]);
      for (const who of ['finance', 'auditor']) expect([who, (await as(who).get(links(own.id))).status]).toEqual([who, 403]);
    });

    it('withdraws a link at once; withdrawing it again answers it unchanged and is audited once', async () => {
      const link = await share(award.id);
      expect((await open(link.token)).status).toBe(200);
      const revoked = await as('officer.kz').post(`${links(award.id)}/${link.id}/revoke`);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: link.id, status: 'revoked', revokedAt: expect.any(String), openCount: 1 });
      expect(revoked.body.token).toBeUndefined();
      const again = await as('ngo.kz').post(`${links(award.id)}/${link.id}/revoke`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(revoked.body);
      expect((await open(link.token)).status).toBe(404);
      expect((await pdf(link.token)).status).toBe(404);
      const events = await t.dataSource.query(
        `SELECT action, actor_role, before, after FROM audit_event WHERE entity_id = $1 AND action = 'award.share_link_revoke' AND after->>'shareLinkId' = $2`,
        [award.id, link.id],
      );
      expect(events).toEqual([
        {
          action: 'award.share_link_revoke',
          actor_role: 'officer',
          before: { shareLinkId: link.id, status: 'active' },
          after: { shareLinkId: link.id, status: 'revoked' },
        },
      ]);
    });

    it('keeps links in the scope of their award', async () => {
      const link = await share(award.id);
      const { award: other } = await approvedAward(t);
      // another NGO, another country: 404; the link of one award is not found under another
      for (const who of ['ngo2.kz', 'ngo.kg', 'officer.kg']) {
        expect([who, (await as(who).post(`${links(award.id)}/${link.id}/revoke`)).status]).toEqual([who, 404]);
      }
      expect((await as('ngo.kz').post(`${links(other.id)}/${link.id}/revoke`)).status).toBe(404);
      expect((await as('finance').post(`${links(award.id)}/${link.id}/revoke`)).status).toBe(403);
      expect((await as('ngo.kz').post(`${links(award.id)}/not-a-uuid/revoke`)).status).toBe(400);
      expect((await listed(award.id, link.id)).status).toBe('active');
    });
  });

  describe('the public link', () => {
    it('answers what the current letter states, and counts the opening', async () => {
      const link = await share(award.id);
      const res = await open(link.token);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const [{ printed }] = await t.dataSource.query(
        `SELECT left(content->>'issuedOn', 10) AS printed FROM award_letter WHERE award_id = $1 AND version = 1 AND language = 'en'`,
        [award.id],
      );
      expect(res.body).toEqual({
        status: 'current',
        awardNumber: award.number,
        version: 1,
        amendedSinceShared: false,
        language: 'en',
        date: printed,
        amount: '57000.50',
        currency: 'KZT',
        organisation: 'Sana Sezim',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiresAt: link.expiresAt,
        letterUrl: `${BASE}/api/v1/shared/${link.token}/letter.pdf`,
      });
      expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${beneficiaryCode}|${personName.split(' ')[0]}`));
      const counted = await listed(award.id, link.id);
      expect(counted.openCount).toBe(1);
      expect(Date.parse(counted.lastOpenedAt!)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('counts every opening, also at the same moment', async () => {
      const link = await share(award.id);
      const answers = await Promise.all(Array.from({ length: 12 }, () => open(link.token)));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
      expect((await listed(award.id, link.id)).openCount).toBe(12);
      // the PDF behind the page is not another opening
      expect((await pdf(link.token)).status).toBe(200);
      expect((await listed(award.id, link.id)).openCount).toBe(12);
    });

    it('shows a page without scripts or the person to a browser, with the expiry and the download', async () => {
      const link = await share(award.id, { language: 'ru' });
      const page = await open(link.token, 'text/html,application/xhtml+xml');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      for (const text of [
        'Genuine and current',
        'Подлинное и действующее',
        award.number,
        '57000.50 KZT',
        'Sana Sezim',
        `${link.expiresAt.slice(0, 10)} ${link.expiresAt.slice(11, 16)} UTC`,
        `href="${BASE}/api/v1/shared/${link.token}/letter.pdf"`,
        'Скачать письмо (PDF)',
      ]) {
        expect([text, page.text.includes(text)]).toEqual([text, true]);
      }
      expect(page.text).not.toMatch(/<script/i);
      for (const secret of [beneficiaryCode, 'BEN-', personName, ...personName.split(' ')]) {
        expect([secret, page.text.includes(secret)]).toEqual([secret, false]);
      }
      expect((await listed(award.id, link.id)).openCount).toBe(1);
    });

    it('gives the PDF of the current letter in the link language, byte for byte the award download', async () => {
      for (const language of ['en', 'ru']) {
        const link = await share(award.id, { language });
        const shared = await pdf(link.token);
        expect(shared.status).toBe(200);
        const own = await as('ngo.kz').get(`/awards/${award.id}/letter?lang=${language}`).buffer(true).parse(binary);
        expect(own.status).toBe(200);
        expect((shared.body as Buffer).equals(own.body as Buffer)).toBe(true);
        expect(shared.headers['content-type']).toBe('application/pdf');
        expect(shared.headers['x-content-sha256']).toBe(sha256(shared.body as Buffer));
        expect(shared.headers['x-content-sha256']).toBe(own.headers['x-content-sha256']);
        expect(shared.headers.etag).toBe(own.headers.etag);
        expect(shared.headers['content-disposition']).toBe(own.headers['content-disposition']);
        expect((await open(link.token)).body.sha256).toBe(shared.headers['x-content-sha256']);
      }
    });

    it('follows an amendment: the current version, and a word that it changed since the link was sent', async () => {
      const { award: amended } = await approvedAward(t);
      const link = await share(amended.id);
      const v1 = (await pdf(link.token)).body as Buffer;
      const res = await as('officer.kz').post(`/awards/${amended.id}/amendments`, {
        version: amended.version,
        reason: 'The clinic lowered its estimate for the operation.',
        items: [{ itemId: amended.items[0].itemId, approvedAmount: '40000.00' }],
      });
      expect(res.status).toBe(200);
      const now = await open(link.token);
      expect(now.body).toMatchObject({ status: 'current', version: 2, amendedSinceShared: true, amount: '52000.50' });
      const v2 = await pdf(link.token);
      expect((v2.body as Buffer).equals(v1)).toBe(false);
      const own = await as('ngo.kz').get(`/awards/${amended.id}/letter`).buffer(true).parse(binary);
      expect((v2.body as Buffer).equals(own.body as Buffer)).toBe(true);
      const page = await open(link.token, 'text/html');
      expect(page.text).toContain('amended after this link was sent: this is its current version 2');
    });

    it('says the letter is being prepared while it cannot be rendered: 503 for the PDF, as the award download does', async () => {
      const { award: fresh } = await approvedAward(t);
      const link = await share(fresh.id, { language: 'ru' }); // no Russian letter was made yet
      jest.spyOn(t.app.get(LetterRenderer), 'render').mockRejectedValue(new Error('renderer down'));
      const pending = await open(link.token);
      expect(pending.status).toBe(200);
      expect(pending.body).toMatchObject({ status: 'pending', sha256: null, awardNumber: fresh.number, amount: '57000.50' });
      const page = await open(link.token, 'text/html');
      expect(page.text).toContain('being prepared');
      expect(page.text).not.toContain('letter.pdf');
      const refused = await api(t).get(`/shared/${link.token}/letter.pdf`);
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('LETTER_NOT_READY');
      jest.restoreAllMocks();
      const ready = await pdf(link.token);
      expect(ready.status).toBe(200);
      expect((await open(link.token)).body).toMatchObject({ status: 'current', sha256: ready.headers['x-content-sha256'] });
    });

    it('answers an expired, a withdrawn and an unknown link alike: 404, one page that does not say which', async () => {
      const expired = await share(award.id);
      await t.dataSource.query(`UPDATE award_share_link SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
      const withdrawn = await share(award.id);
      await as('ngo.kz')
        .post(`${links(award.id)}/${withdrawn.id}/revoke`)
        .expect(200);
      const unknown = Buffer.alloc(32, 7).toString('base64url');
      const pages: string[] = [];
      for (const token of [expired.token, withdrawn.token, unknown, 'not-a-token', 'x'.repeat(500)]) {
        const json = await open(token);
        expect([token, json.status, json.body.code]).toEqual([token, 404, 'NOT_FOUND']);
        const page = await open(token, 'text/html');
        expect(page.status).toBe(404);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        pages.push(page.text);
        expect((await pdf(token)).status).toBe(404);
        const pdfPage = await api(t).get(`/shared/${token}/letter.pdf`).set('Accept', 'text/html');
        expect([pdfPage.status, pdfPage.text]).toEqual([404, page.text]);
      }
      expect(new Set(pages).size).toBe(1);
      expect(pages[0]).toContain('This link has expired or was withdrawn, or it does not exist');
      expect(pages[0]).toContain('Срок действия ссылки истёк');
      expect(pages[0]).not.toContain(award.number);
      expect(await listed(award.id, expired.id)).toMatchObject({ status: 'expired', openCount: 0 });
      expect(await listed(award.id, withdrawn.id)).toMatchObject({ status: 'revoked', openCount: 0 });
    });
  });

  describe('secrets', () => {
    it('audits making and withdrawing a link in the award, never with the token', async () => {
      const { award: audited } = await approvedAward(t);
      const link = await share(audited.id, { language: 'ru', expiresInDays: 5 });
      await as('ngo.kz')
        .post(`${links(audited.id)}/${link.id}/revoke`)
        .expect(200);
      const events = await t.dataSource.query(
        `SELECT action, entity_type, actor_role, after FROM audit_event WHERE entity_id = $1 AND action LIKE 'award.share_link%' ORDER BY seq`,
        [audited.id],
      );
      expect(events).toEqual([
        {
          action: 'award.share_link_create',
          entity_type: 'award',
          actor_role: 'ngo',
          after: { shareLinkId: link.id, language: 'ru', expiresAt: link.expiresAt },
        },
        { action: 'award.share_link_revoke', entity_type: 'award', actor_role: 'ngo', after: { shareLinkId: link.id, status: 'revoked' } },
      ]);
      const all: { text: string }[] = await t.dataSource.query(`SELECT string_agg(to_jsonb(e)::text, ' ') AS text FROM audit_event e`);
      expect(tokens.length).toBeGreaterThan(20);
      for (const token of tokens) {
        expect(all[0].text.includes(token)).toBe(false);
        expect(all[0].text.includes(sha256(token))).toBe(false);
      }
    });

    it('never writes a token to the logs: the shared routes are logged by their template', async () => {
      const link = await share(award.id);
      await open(link.token).expect(200);
      await pdf(link.token).expect(200);
      // however the path is spelled, and when it matches no route
      await api(t).get(`/shared/${link.token}/other`).expect(404);
      await t.http.get(`/API/V1/SHARED/${link.token}`);
      await api(t).get(`/shared/${link.token}?utm_source=telegram`).expect(200);

      const lines = t.logs.map((l) => JSON.parse(l) as { msg?: string; path?: string });
      const paths = lines.filter((l) => l.msg === 'request').map((l) => l.path);
      expect(paths).toEqual(
        expect.arrayContaining(['/api/v1/shared/:token', '/api/v1/shared/:token/letter.pdf', '/api/v1/shared/[redacted]']),
      );
      // other routes still log their path as requested
      expect(paths).toContain(`/api/v1/awards/${award.id}/share-links`);
      const all = t.logs.join('\n');
      for (const token of tokens) expect([token, t.logs.filter((l) => l.includes(token))]).toEqual([token, []]);
      expect(all).not.toContain('/api/v1/shared/' + tokens[0]);
    });
  });
});
