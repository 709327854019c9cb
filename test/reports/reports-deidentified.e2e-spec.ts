import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedAward } from '../helpers/flows.js';
import { API, api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Every report route in the OpenAPI document, so a report added later is checked too. */
const REPORTS = Object.keys(JSON.parse(readFileSync('openapi/openapi.json', 'utf8')).paths)
  .filter((p) => p.startsWith(`${API}/reports/`))
  .map((p) => p.slice(API.length));

/** The variants of each report worth reading: every unit and breakdown, JSON and CSV. */
const variants = (path: string) =>
  (path === '/reports/ef-results'
    ? ['unit=awards', 'unit=beneficiaries', 'breakdown=ageGroup', 'breakdown=flag', 'unit=beneficiaries&breakdown=flag']
    : ['']
  ).flatMap((q) => ['json', 'csv'].map((format) => `${path}?${q ? `${q}&` : ''}format=${format}`));

describe('reports are de-identified', () => {
  let t: TestApp;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    for (let i = 0; i < 2; i++) {
      const { award, name, doc } = await approvedAward(t);
      const [{ code, organisation_id: org }] = await t.dataSource.query(
        'SELECT b.code, b.organisation_id FROM beneficiary b JOIN award a ON a.beneficiary_id = b.id WHERE a.id = $1',
        [award.id],
      );
      // a follow-up whose note names the person, as NGOs' notes do
      await t.dataSource.query(
        `INSERT INTO follow_up (award_id, organisation_id, country, milestone, due_on, version, completed_at, contact_made, note) VALUES ($1, $2, 'KZ', '3m', '2026-01-10', 1, '2026-01-12', true, $3)`,
        [award.id, org, `Met ${name} at the market`],
      );
      secrets.push(name, ...name.split(' '), doc, code);
    }
  });
  afterAll(() => t.close());

  it('covers every report route', () => {
    expect(REPORTS.sort()).toEqual([
      '/reports/ef-results',
      '/reports/follow-ups',
      '/reports/funds',
      '/reports/gender-targets',
      '/reports/turnaround',
    ]);
  });

  it.each(['admin', 'auditor', 'officer.kz'])(
    'gives %s no name, document number or beneficiary code in any report, JSON or CSV',
    async (who) => {
      const token = await t.login(`${who}@example.org`);
      for (const path of REPORTS.flatMap(variants)) {
        const res = await api(t).as(token).get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        const text = res.text;
        for (const secret of secrets) expect({ path, leaks: text.includes(secret) ? secret : null }).toEqual({ path, leaks: null });
        expect(text).not.toMatch(/BEN-/);
      }
      // and the reports did count these people (the check is not vacuous)
      const results = (await api(t).as(token).get('/reports/ef-results')).body.rows.at(-1);
      expect(results.total).toBeGreaterThanOrEqual(2);
      const followUps = (await api(t).as(token).get('/reports/follow-ups')).body.rows.at(-1);
      expect(followUps.completed).toBeGreaterThanOrEqual(2);
    },
  );
});
