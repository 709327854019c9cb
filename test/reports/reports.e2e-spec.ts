import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock/clock.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('EF results report', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);

  /** `n` people of `category` and `sex` (born in `birthYear`, with `flags`) registered by the country's first NGO, each with one award made at `at`. */
  const load = async (
    country: string,
    category: string,
    sex: string,
    n: number,
    at = '2026-06-15T10:00:00Z',
    birthYear = 1990,
    flags: string[] = [],
  ) => {
    await t.dataSource.query(
      `WITH o AS (SELECT id FROM organisation WHERE country = $1 ORDER BY name LIMIT 1),
            f AS (SELECT id, currency FROM fund WHERE country = $1 LIMIT 1),
            b AS (INSERT INTO beneficiary (id, code, organisation_id, category, flags, sex, birth_year, nationality, pii_enc, person_hash, consent_given_at, consent_method, version)
                  SELECT gen_random_uuid(), 'BEN-R-' || substr(md5(random()::text), 1, 12), o.id, $2, $7::text[], $3, $6, $1, 'v1.report', md5(random()::text), '2026-01-01', 'written', 1
                    FROM o, generate_series(1, $4::int) RETURNING id, organisation_id),
            app AS (INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total, approved_total, version)
                    SELECT gen_random_uuid(), 'EF-R-' || substr(md5(random()::text), 1, 12), b.organisation_id, b.id, f.id, $1, f.currency, 'approved', 'standard', 'en', 100, 100, 1
                      FROM b, f RETURNING id, organisation_id, beneficiary_id, fund_id, currency)
       INSERT INTO award (number, application_id, organisation_id, fund_id, beneficiary_id, beneficiary_category, beneficiary_sex, country, currency, amount, committed, items, approvers, language, letter_version, version, created_at)
       SELECT 'AWD-R-' || substr(md5(random()::text), 1, 12), app.id, app.organisation_id, app.fund_id, app.beneficiary_id, $2, $3, $1, app.currency, 100, 100, '[]', '[]', 'en', 1, 1, $5::timestamptz
         FROM app`,
      [country, category, sex, n, at, birthYear, flags],
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['officer.kz', 'officer.kg', 'officer.uz', 'admin', 'auditor', 'finance', 'ngo.kz'], tok);
    // the documented program's Kazakhstan table (SPEC section 3)
    await load('KZ', 'VOT', 'male', 194);
    await load('KZ', 'VOT', 'female', 104);
    await load('KZ', 'VM', 'male', 146);
    await load('KZ', 'VM', 'female', 107);
    // a country with one category, and the other sexes
    await load('KG', 'OTHER', 'other', 2);
    await load('KG', 'OTHER', 'undisclosed', 1);
    await load('KG', 'OTHER', 'female', 5);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(() => t.close());

  it('reproduces the documented Kazakhstan table with every count and percentage and the country total', async () => {
    const res = await as('admin').get('/reports/ef-results?unit=awards');
    expect(res.status).toBe(200);
    expect({ ...res.body, rows: undefined }).toEqual({ unit: 'awards', breakdown: null, from: null, to: null, rows: undefined });
    expect(res.body.rows.filter((r: { country: string }) => r.country === 'KZ')).toEqual([
      {
        country: 'KZ',
        category: 'VOT',
        female: 104,
        male: 194,
        other: 0,
        undisclosed: 0,
        total: 298,
        femalePercent: 34.9,
        malePercent: 65.1,
        shareOfCountryPercent: 54.1,
      },
      {
        country: 'KZ',
        category: 'VM',
        female: 107,
        male: 146,
        other: 0,
        undisclosed: 0,
        total: 253,
        femalePercent: 42.3,
        malePercent: 57.7,
        shareOfCountryPercent: 45.9,
      },
      {
        country: 'KZ',
        category: 'ALL',
        female: 211,
        male: 340,
        other: 0,
        undisclosed: 0,
        total: 551,
        femalePercent: 38.3,
        malePercent: 61.7,
        shareOfCountryPercent: 100,
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('BEN-');
  });

  it('counts other and undisclosed sexes in a country with a single category, and the grand total over every country', async () => {
    const rows = (await as('admin').get('/reports/ef-results?unit=awards')).body.rows;
    expect(rows.map((r: { country: string; category: string }) => `${r.country}/${r.category}`)).toEqual([
      'KZ/VOT',
      'KZ/VM',
      'KZ/ALL',
      'KG/OTHER',
      'KG/ALL',
      'ALL/ALL',
    ]);
    expect(rows.slice(3)).toEqual([
      // 5 of 8 female = 62.5 %; the 2 other and 1 undisclosed count in the total but in neither share
      {
        country: 'KG',
        category: 'OTHER',
        female: 5,
        male: 0,
        other: 2,
        undisclosed: 1,
        total: 8,
        femalePercent: 62.5,
        malePercent: 0,
        shareOfCountryPercent: 100,
      },
      {
        country: 'KG',
        category: 'ALL',
        female: 5,
        male: 0,
        other: 2,
        undisclosed: 1,
        total: 8,
        femalePercent: 62.5,
        malePercent: 0,
        shareOfCountryPercent: 100,
      },
      // 216 / 559 = 38.64 → 38.6; 340 / 559 = 60.82 → 60.8
      {
        country: 'ALL',
        category: 'ALL',
        female: 216,
        male: 340,
        other: 2,
        undisclosed: 1,
        total: 559,
        femalePercent: 38.6,
        malePercent: 60.8,
        shareOfCountryPercent: 100,
      },
    ]);
  });

  it('gives officers their countries only', async () => {
    const kz = (await as('officer.kz').get('/reports/ef-results')).body.rows;
    expect(kz.map((r: { country: string; category: string }) => `${r.country}/${r.category}`)).toEqual([
      'KZ/VOT',
      'KZ/VM',
      'KZ/ALL',
      'ALL/ALL',
    ]);
    expect(kz[3]).toMatchObject({ total: 551 });
    const kg = (await as('officer.kg').get('/reports/ef-results')).body.rows;
    expect(kg.at(-1)).toMatchObject({ country: 'ALL', total: 8 });
    expect((await as('auditor').get('/reports/ef-results')).status).toBe(200);
    for (const who of ['finance', 'ngo.kz']) expect((await as(who).get('/reports/ef-results')).status).toBe(403);
  });

  it('counts a person once per unit=beneficiaries, and filters by award date', async () => {
    // a second award for one of the KG people, a year earlier
    await t.dataSource.query(
      `INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total, approved_total, version)
       SELECT gen_random_uuid(), 'EF-R-AGAIN', b.organisation_id, b.id, f.id, 'KG', f.currency, 'approved', 'standard', 'en', 100, 100, 1
         FROM beneficiary b, fund f WHERE b.sex = 'undisclosed' AND f.country = 'KG'`,
    );
    await t.dataSource.query(
      `INSERT INTO award (number, application_id, organisation_id, fund_id, beneficiary_id, beneficiary_category, beneficiary_sex, country, currency, amount, committed, items, approvers, language, letter_version, version, created_at)
       SELECT 'AWD-R-AGAIN', a.id, a.organisation_id, a.fund_id, a.beneficiary_id, b.category, b.sex, 'KG', a.currency, 100, 100, '[]', '[]', 'en', 1, 1, '2025-06-15T10:00:00Z'
         FROM application a JOIN beneficiary b ON b.id = a.beneficiary_id WHERE a.reference = 'EF-R-AGAIN'`,
    );
    const awards = (await as('officer.kg').get('/reports/ef-results?unit=awards')).body.rows.at(-1);
    const people = (await as('officer.kg').get('/reports/ef-results?unit=beneficiaries')).body;
    expect(awards).toMatchObject({ undisclosed: 2, total: 9 });
    expect(people.unit).toBe('beneficiaries');
    expect(people.rows.at(-1)).toMatchObject({ undisclosed: 1, total: 8 });
    const lastYear = (await as('officer.kg').get('/reports/ef-results?from=2025-01-01&to=2025-12-31')).body;
    expect(lastYear).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(lastYear.rows).toEqual([
      expect.objectContaining({ country: 'KG', category: 'OTHER', undisclosed: 1, total: 1, shareOfCountryPercent: 100 }),
      expect.objectContaining({ country: 'KG', category: 'ALL', total: 1 }),
      expect.objectContaining({ country: 'ALL', category: 'ALL', total: 1 }),
    ]);
    // `to` includes its whole day
    expect((await as('officer.kg').get('/reports/ef-results?from=2025-06-15&to=2025-06-15')).body.rows.at(-1).total).toBe(1);
  });

  it('writes the same rows as CSV', async () => {
    const res = await as('officer.kz').get('/reports/ef-results?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.split('\r\n')).toEqual([
      'country,category,female,male,other,undisclosed,total,femalePercent,malePercent,shareOfCountryPercent',
      'KZ,VOT,104,194,0,0,298,34.9,65.1,54.1',
      'KZ,VM,107,146,0,0,253,42.3,57.7,45.9',
      'KZ,ALL,211,340,0,0,551,38.3,61.7,100.0',
      'ALL,ALL,211,340,0,0,551,38.3,61.7,100.0',
      '',
    ]);
  });

  it('refuses bad parameters with every field named', async () => {
    const res = await as('admin').get('/reports/ef-results?unit=people&format=xml&from=2026-13-01&breakdown=sex');
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['breakdown', 'format', 'from', 'unit']);
    expect((await as('admin').get('/reports/ef-results?from=2026-02-01&to=2026-01-01')).body.details).toEqual([
      expect.objectContaining({ field: 'to' }),
    ]);
  });

  describe('broken down by age group and by flag', () => {
    beforeAll(async () => {
      // Uzbekistan, awards of 15 June 2026: age is 2026 less the birth year
      await load('UZ', 'VOT', 'female', 3, undefined, 2010, ['gbv_survivor']); // 16: under 18
      await load('UZ', 'VOT', 'male', 2, undefined, 2004, ['foreign', 'disability']); // 22
      await load('UZ', 'VM', 'male', 1, undefined, 2008); // 18: the first year of 18-24
      await load('UZ', 'OTHER', 'female', 1, undefined, 1992, ['repatriate']); // 34, a flag not reported
      await load('UZ', 'VM', 'female', 4, undefined, 1990, ['disability']); // 36
      await load('UZ', 'VOT', 'male', 1, undefined, 1977); // 49: the last year of 35-49
      await load('UZ', 'VM', 'male', 1, undefined, 1976); // 50
    });

    const r = (group: string, country: string, category: string, female: number, male: number, shareOfCountryPercent: number) => {
      const total = female + male;
      return {
        group,
        country,
        category,
        female,
        male,
        other: 0,
        undisclosed: 0,
        total,
        femalePercent: total && Math.round((female / total) * 1000) / 10,
        malePercent: total && Math.round((male / total) * 1000) / 10,
        shareOfCountryPercent,
      };
    };

    it('gives the whole table for every age group at the award, each group with its totals, empty ones too', async () => {
      const res = await as('officer.uz').get('/reports/ef-results?breakdown=ageGroup');
      expect(res.status).toBe(200);
      expect(res.body.breakdown).toBe('ageGroup');
      expect(res.body.rows).toEqual([
        r('under 18', 'UZ', 'VOT', 3, 0, 100),
        r('under 18', 'UZ', 'ALL', 3, 0, 100),
        r('under 18', 'ALL', 'ALL', 3, 0, 100),
        r('18-24', 'UZ', 'VOT', 0, 2, 66.7),
        r('18-24', 'UZ', 'VM', 0, 1, 33.3),
        r('18-24', 'UZ', 'ALL', 0, 3, 100),
        r('18-24', 'ALL', 'ALL', 0, 3, 100),
        r('25-34', 'UZ', 'OTHER', 1, 0, 100),
        r('25-34', 'UZ', 'ALL', 1, 0, 100),
        r('25-34', 'ALL', 'ALL', 1, 0, 100),
        r('35-49', 'UZ', 'VOT', 0, 1, 20),
        r('35-49', 'UZ', 'VM', 4, 0, 80),
        r('35-49', 'UZ', 'ALL', 4, 1, 100),
        r('35-49', 'ALL', 'ALL', 4, 1, 100),
        r('50+', 'UZ', 'VM', 0, 1, 100),
        r('50+', 'UZ', 'ALL', 0, 1, 100),
        r('50+', 'ALL', 'ALL', 0, 1, 100),
      ]);
      // the age groups add up to the table without a breakdown
      const plain = (await as('officer.uz').get('/reports/ef-results')).body.rows.at(-1);
      const groups = res.body.rows.filter((row: { country: string }) => row.country === 'ALL');
      expect(groups.reduce((sum: number, row: { total: number }) => sum + row.total, 0)).toBe(plain.total);
      // a group without awards still shows, with zeros
      const kg = (await as('officer.kg').get('/reports/ef-results?breakdown=ageGroup&from=2030-01-01')).body.rows;
      expect(kg).toHaveLength(5);
      expect(kg.every((row: { country: string; total: number }) => row.country === 'ALL' && row.total === 0)).toBe(true);
    });

    it('gives the table for each reported flag, a person counted under each of their flags', async () => {
      const res = await as('officer.uz').get('/reports/ef-results?breakdown=flag');
      expect(res.body.rows).toEqual([
        r('disability', 'UZ', 'VOT', 0, 2, 33.3),
        r('disability', 'UZ', 'VM', 4, 0, 66.7),
        r('disability', 'UZ', 'ALL', 4, 2, 100),
        r('disability', 'ALL', 'ALL', 4, 2, 100),
        r('gbv_survivor', 'UZ', 'VOT', 3, 0, 100),
        r('gbv_survivor', 'UZ', 'ALL', 3, 0, 100),
        r('gbv_survivor', 'ALL', 'ALL', 3, 0, 100),
        r('foreign', 'UZ', 'VOT', 0, 2, 100),
        r('foreign', 'UZ', 'ALL', 0, 2, 100),
        r('foreign', 'ALL', 'ALL', 0, 2, 100),
      ]);
      const people = (await as('officer.uz').get('/reports/ef-results?breakdown=flag&unit=beneficiaries')).body;
      expect(people.rows.filter((row: { country: string }) => row.country === 'ALL').map((row: { total: number }) => row.total)).toEqual([
        6, 3, 2,
      ]);
    });

    it('writes a broken-down report as CSV with the group first', async () => {
      const res = await as('officer.uz').get('/reports/ef-results?breakdown=flag&format=csv');
      expect(res.headers['content-disposition']).toBe('attachment; filename="ef-results-awards-flag.csv"');
      const lines = res.text.split('\r\n');
      expect(lines.slice(0, 3)).toEqual([
        'group,country,category,female,male,other,undisclosed,total,femalePercent,malePercent,shareOfCountryPercent',
        'disability,UZ,VOT,0,2,0,0,2,0.0,100.0,33.3',
        'disability,UZ,VM,4,0,0,0,4,100.0,0.0,66.7',
      ]);
      expect(lines).toHaveLength(12); // the header, ten rows and the final line break
    });
  });

  describe('turnaround', () => {
    beforeAll(async () => {
      const officer = async (email: string) =>
        (await t.dataSource.query('SELECT id FROM app_user WHERE email = $1', [email]))[0].id as string;
      const [one, two] = [await officer('officer.kz@example.org'), await officer('officer2.kz@example.org')];
      // gross hours 2, 4, 10, 20, 48; hours waiting for the NGO 0, 1, 0, 15, 8; SLA 24 h plus the wait
      const decided: [number, number, string][] = [
        [2, 0, one],
        [4, 1, one],
        [10, 0, one],
        [20, 15, two],
        [48, 8, two],
      ];
      for (const [i, [gross, paused, by]] of decided.entries()) {
        await t.dataSource.query(
          `WITH b AS (SELECT id, organisation_id FROM beneficiary WHERE organisation_id IN (SELECT id FROM organisation WHERE country = 'KZ') LIMIT 1),
                f AS (SELECT id FROM fund WHERE country = 'KZ' LIMIT 1),
                a AS (INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total, version,
                                               first_submitted_at, last_submitted_at, decided_at, decided_by, paused_seconds, sla_due_at, gross_turnaround_seconds, net_turnaround_seconds)
                      SELECT gen_random_uuid(), 'EF-T-' || $1, b.organisation_id, b.id, f.id, 'KZ', 'KZT', 'approved', 'urgent', 'en', 100, 1,
                             t0, t0, t0 + $2 * interval '1 hour', $4, $3 * 3600, t0 + (24 + $3) * interval '1 hour', $2 * 3600, ($2 - $3) * 3600
                        FROM b, f, (SELECT '2026-10-01T08:00:00Z'::timestamptz AS t0) x RETURNING id, decided_at)
           INSERT INTO application_event (application_id, action, from_status, to_status, actor_id, actor_role, created_at)
           SELECT a.id, 'approve', 'in_review', 'approved', $4, 'officer', a.decided_at FROM a`,
          [i, gross, paused, by],
        );
      }
      // waiting past the due time now: one in the queue, one claimed by the first officer
      await t.dataSource.query(
        `INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total, version, first_submitted_at, last_submitted_at, sla_due_at, claimed_by)
         SELECT gen_random_uuid(), 'EF-T-WAIT-' || g, b.organisation_id, b.id, f.id, 'KZ', 'KZT', CASE WHEN g = 1 THEN 'submitted' ELSE 'in_review' END, 'standard', 'en', 100, 1,
                now() - interval '5 days', now() - interval '5 days', now() - interval '2 days', CASE WHEN g = 2 THEN $1::uuid END
           FROM (SELECT id, organisation_id FROM beneficiary WHERE organisation_id IN (SELECT id FROM organisation WHERE country = 'KZ') LIMIT 1) b,
                (SELECT id FROM fund WHERE country = 'KZ' LIMIT 1) f, generate_series(1, 2) g`,
        [one],
      );
    });

    it('gives median, 90th percentile and maximum, gross and net, against hand-computed values, with the SLA record and what is overdue', async () => {
      const res = await as('officer.kz').get('/reports/turnaround');
      expect(res.status).toBe(200);
      expect(res.body.countries).toEqual([
        {
          country: 'KZ',
          decisions: 5,
          grossHours: { median: 10, p90: 36.8, max: 48 },
          netHours: { median: 5, p90: 28, max: 40 },
          withinSlaPercent: 80,
          overdueNow: 2,
        },
      ]);
      const officers = Object.fromEntries(res.body.officers.map((o: { fullName: string }) => [o.fullName, o]));
      expect(officers['Aigerim Sadykova']).toMatchObject({
        decisions: 3,
        grossHours: { median: 4, p90: 8.8, max: 10 },
        netHours: { median: 3, p90: 8.6, max: 10 },
        withinSlaPercent: 100,
        overdueNow: 1,
      });
      expect(officers['Daniyar Omarov']).toMatchObject({
        decisions: 2,
        grossHours: { median: 34, p90: 45.2, max: 48 },
        netHours: { median: 22.5, p90: 36.5, max: 40 },
        withinSlaPercent: 50,
        overdueNow: 0,
      });
      // the same as CSV: the country rows, then the officers'
      const csv = await as('officer.kz').get('/reports/turnaround?format=csv');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="turnaround.csv"');
      expect(csv.text.split('\r\n').slice(0, 2)).toEqual([
        'country,officerId,fullName,decisions,grossHours.median,grossHours.p90,grossHours.max,netHours.median,netHours.p90,netHours.max,withinSlaPercent,overdueNow',
        'KZ,,,5,10,36.8,48,5,28,40,80.0,2',
      ]);
      expect(csv.text).toContain(`,${officers['Aigerim Sadykova'].officerId},Aigerim Sadykova,3,4,8.8,10,3,8.6,10,100.0,1\r\n`);
    });

    it('keeps officers to their countries and filters by decision date', async () => {
      const kg = (await as('officer.kg').get('/reports/turnaround')).body;
      expect(kg).toEqual({ from: null, to: null, countries: [], officers: [] });
      const none = (await as('admin').get('/reports/turnaround?from=2026-11-01')).body;
      expect(none.countries).toEqual([
        expect.objectContaining({
          country: 'KZ',
          decisions: 0,
          grossHours: { median: null, p90: null, max: null },
          withinSlaPercent: null,
          overdueNow: 2,
        }),
      ]);
      const october = (await as('auditor').get('/reports/turnaround?from=2026-10-01&to=2026-10-02')).body.countries[0];
      expect(october.decisions).toBe(4); // decided on 1 October (after 2, 4 and 10 hours) and 2 October (20 hours), not 3 October (48 hours)
    });
  });

  describe('funds and gender targets', () => {
    it('gives each fund its figures in its currency and in dollars at the recorded monthly rates, naming months without a rate', async () => {
      const [{ month }] = await t.dataSource.query(
        `SELECT to_char(min(e.created_at) AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM fund_ledger_entry e JOIN fund f ON f.id = e.fund_id WHERE f.country = 'KZ'`,
      );
      const before = (await as('finance').get('/reports/funds')).body.items.find((f: { country: string }) => f.country === 'KZ');
      expect(before).toMatchObject({
        currency: 'KZT',
        local: { budget: '50000000.00', committed: '0.00', disbursed: '0.00', available: '50000000.00' },
        usd: null,
        missingRates: [month],
      });
      expect((await as('admin').post('/fx-rates', { currency: 'KZT', month, usdRate: '0.002' })).status).toBe(201);
      const after = (await as('auditor').get('/reports/funds')).body.items.find((f: { country: string }) => f.country === 'KZ');
      expect(after).toMatchObject({
        usd: { budget: '100000.00', committed: '0.00', disbursed: '0.00', available: '100000.00' },
        missingRates: [],
      });
      expect((await as('officer.kg').get('/reports/funds')).body.items.map((f: { country: string }) => f.country)).toEqual(['KG']);
      const csv = (await as('finance').get('/reports/funds?format=csv')).text.split('\r\n');
      expect(csv[0]).toBe(
        'fundId,name,country,currency,status,local.budget,local.committed,local.disbursed,local.available,usd.budget,usd.committed,usd.disbursed,usd.available,missingRates',
      );
      expect(csv.find((line) => line.includes(',KZ,KZT,'))).toMatch(
        /,KZ,KZT,open,50000000\.00,0\.00,0\.00,50000000\.00,100000\.00,0\.00,0\.00,100000\.00,$/,
      );
      expect(csv.find((line) => line.includes(',KG,KGS,'))).toMatch(/,KG,KGS,open,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,,,,,\d{4}-\d{2}$/);
      expect((await as('ngo.kz').get('/reports/funds')).status).toBe(403);
    });

    it('converts what an award commits, pays and reverses at the rate of the award’s month, so a paid award leaves no dollars committed', async () => {
      const [{ id: fundId, month: budgetMonth }] = await t.dataSource.query(
        `SELECT f.id, to_char(min(e.created_at) AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM fund f JOIN fund_ledger_entry e ON e.fund_id = f.id WHERE f.country = 'TM' GROUP BY f.id`,
      );
      // a TM award of 1750.00 approved on 20 September, paid in two tranches on 5 October and 3 November:
      // written directly (the flow dates every row now), with the ledger entries the flow writes
      await t.dataSource.query(
        `WITH o AS (SELECT id FROM organisation WHERE country = 'TM' ORDER BY name LIMIT 1),
              b AS (INSERT INTO beneficiary (id, code, organisation_id, category, flags, sex, birth_year, nationality, pii_enc, person_hash, consent_given_at, consent_method, version)
                    SELECT gen_random_uuid(), 'BEN-R-FX', o.id, 'VOT', '{}', 'female', 1990, 'TM', 'v1.report', md5('fx'), '2026-01-01', 'written', 1 FROM o RETURNING id, organisation_id),
              app AS (INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total, approved_total, version)
                      SELECT gen_random_uuid(), 'EF-R-FX', b.organisation_id, b.id, $1, 'TM', 'TMT', 'approved', 'standard', 'en', 1750, 1750, 1 FROM b RETURNING id, organisation_id, beneficiary_id),
              a AS (INSERT INTO award (number, application_id, organisation_id, fund_id, beneficiary_id, beneficiary_category, beneficiary_sex, country, currency, amount, committed, status, items, approvers, language, letter_version, version, created_at)
                    SELECT 'AWD-R-FX', app.id, app.organisation_id, $1, app.beneficiary_id, 'VOT', 'female', 'TM', 'TMT', 1750, 0, 'closed', '[]', '[]', 'en', 1, 1, '2026-09-20T10:00:00Z' FROM app
                    RETURNING id, application_id, organisation_id, created_at),
              d AS (INSERT INTO disbursement (award_id, fund_id, organisation_id, country, currency, amount, method, payee, scheduled_for, status, payment_reference, paid_at, version, created_at)
                    SELECT a.id, $1, a.organisation_id, 'TM', 'TMT', p.amount, 'bank_transfer', '{"kind": "organisation"}', p.paid_at::date, 'paid', 'PAY-R-FX-' || p.n, p.paid_at, 1, a.created_at
                      FROM a, (VALUES (1, 1000.00, '2026-10-05T09:00:00Z'::timestamptz), (2, 750.00, '2026-11-03T09:00:00Z'::timestamptz)) p(n, amount, paid_at)
                    RETURNING id, amount, paid_at)
         INSERT INTO fund_ledger_entry (fund_id, kind, budget_delta, committed_delta, disbursed_delta, ref_type, ref_id, memo, created_at)
         SELECT $1::uuid, 'commit', 0, 1750, 0, 'application', application_id, 'EF-R-FX', created_at FROM a
         UNION ALL SELECT $1::uuid, 'pay', 0, -amount, amount, 'disbursement', id, 'paid', paid_at FROM d`,
        [fundId],
      );
      const tm = async () => (await as('finance').get('/reports/funds')).body.items.find((f: { country: string }) => f.country === 'TM');
      // the rates needed are the budget's month and the award's, not the months of its payments
      expect(await tm()).toMatchObject({
        local: { budget: '350000.00', committed: '0.00', disbursed: '1750.00', available: '348250.00' },
        usd: null,
        missingRates: [budgetMonth, '2026-09'].sort(),
      });
      // October gets a rate of its own, different from September's, which the payment made in it must not use; November none
      for (const [month, usdRate] of [
        [budgetMonth, '0.28'],
        ['2026-09', '0.2857'],
        ['2026-10', '0.25'],
      ]) {
        expect((await as('admin').post('/fx-rates', { currency: 'TMT', month, usdRate })).status).toBe(201);
      }
      // budget 350000.00 × 0.28 = 98000.00; committed (1750.00 − 1000.00 − 750.00) × 0.2857 = 0.00;
      // disbursed (1000.00 + 750.00) × 0.2857 = 499.975 → 499.98; available 98000.00 − 0.00 − 499.98 = 97500.02
      // (each entry at its own month would have needed November, and with 0.25 there left 1750.00 × (0.2857 − 0.25) = 62.48 committed)
      expect(await tm()).toMatchObject({
        usd: { budget: '98000.00', committed: '0.00', disbursed: '499.98', available: '97500.02' },
        missingRates: [],
      });

      // the November payment unmatched now (a `reverse` entry in the budget's month, at 0.28): back at September's rate as well
      await t.dataSource.query(
        `WITH p AS (SELECT e.* FROM fund_ledger_entry e JOIN disbursement d ON d.id = e.ref_id WHERE d.payment_reference = 'PAY-R-FX-2' AND e.kind = 'pay'),
              d AS (UPDATE disbursement SET status = 'sent', paid_at = NULL WHERE payment_reference = 'PAY-R-FX-2' RETURNING award_id),
              a AS (UPDATE award SET committed = 750, status = 'active' WHERE id IN (SELECT award_id FROM d))
         INSERT INTO fund_ledger_entry (fund_id, kind, budget_delta, committed_delta, disbursed_delta, ref_type, ref_id, reverses_id, memo)
         SELECT fund_id, 'reverse', 0, -committed_delta, -disbursed_delta, ref_type, ref_id, id, 'unmatched: wrong line' FROM p`,
      );
      // committed 750.00 × 0.2857 = 214.275 → 214.28; disbursed 1000.00 × 0.2857 = 285.70; available 98000.00 − 214.28 − 285.70 = 97500.02
      expect(await tm()).toMatchObject({
        local: { budget: '350000.00', committed: '750.00', disbursed: '1000.00', available: '348250.00' },
        usd: { budget: '98000.00', committed: '214.28', disbursed: '285.70', available: '97500.02' },
        missingRates: [],
      });
    });

    it('compares the female share of each fund’s awards with its target', async () => {
      const items = (await as('admin').get('/reports/gender-targets')).body.items;
      const by = Object.fromEntries(items.map((i: { country: string }) => [i.country, i]));
      expect(by.KZ).toMatchObject({ awards: 551, femaleAwards: 211, femalePercent: 38.3, targetPercent: 33, met: true });
      expect(by.KG).toMatchObject({ awards: 9, femaleAwards: 5, femalePercent: 55.6, targetPercent: 50, met: true });
      expect(by.TJ).toMatchObject({ awards: 0, femalePercent: null, met: null });
      expect((await as('officer.kz').get('/reports/gender-targets')).body.items.map((i: { country: string }) => i.country)).toEqual(['KZ']);
      const csv = (await as('officer.kz').get('/reports/gender-targets?format=csv')).text.split('\r\n');
      expect(csv).toEqual([
        'fundId,name,country,awards,femaleAwards,femalePercent,targetPercent,met',
        `${by.KZ.fundId},${by.KZ.name},KZ,551,211,38.3,33.0,true`,
        '',
      ]);
    });
  });

  describe('follow-up outcomes', () => {
    const NOTE = 'Gulnara Sadykova now runs the bakery';
    beforeAll(async () => {
      const awards = async (country: string) =>
        (await t.dataSource.query('SELECT id, organisation_id FROM award WHERE country = $1 ORDER BY number LIMIT 5', [country])) as {
          id: string;
          organisation_id: string;
        }[];
      const add = (
        a: { id: string; organisation_id: string },
        country: string,
        milestone: string,
        dueOn: string,
        answers: (boolean | string | number | null)[] | null = null,
      ) =>
        t.dataSource.query(
          `INSERT INTO follow_up (award_id, organisation_id, country, milestone, due_on, version, completed_at, contact_made, livelihood_operating, income_change, living_standard, intends_to_migrate, referred_others, note)
           VALUES ($1, $2, $3, $4, $5, 1, CASE WHEN $6::boolean IS NOT NULL THEN $5::date + 3 END, $6, $7, $8, $9, $10, $11, $12)`,
          [a.id, a.organisation_id, country, milestone, dueOn, ...(answers ?? [null, null, null, null, null, null]), answers ? NOTE : null],
        );
      const kz = await awards('KZ');
      // Kazakhstan, 3 months: four due on 1 September (three answered, one overdue), one due on 20 November, not answered yet
      await add(kz[0], 'KZ', '3m', '2026-09-01', [true, true, 'higher', 'better', false, 2]);
      await add(kz[1], 'KZ', '3m', '2026-09-01', [true, false, 'same', 'same', true, 0]);
      await add(kz[2], 'KZ', '3m', '2026-09-01', [false, null, null, null, null, null]);
      await add(kz[3], 'KZ', '3m', '2026-09-01');
      await add(kz[4], 'KZ', '3m', '2026-11-20');
      // and their 6 months, all still to come
      for (const a of kz) await add(a, 'KZ', '6m', '2027-03-01');
      const [kg] = await awards('KG');
      await add(kg, 'KG', '3m', '2026-10-01', [true, true, 'lower', 'worse', true, 1]);
    });

    it('gives completion and the distribution of answers per country and milestone, per country and in all', async () => {
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-01T12:00:00Z'));
      const res = await as('admin').get('/reports/follow-ups');
      expect(res.status).toBe(200);
      const none = { yes: 0, no: 0, notAnswered: 0 };
      const noIncome = { lower: 0, same: 0, higher: 0, notAnswered: 0 };
      const noLiving = { worse: 0, same: 0, better: 0, notAnswered: 0 };
      const kz = {
        fallenDue: 5,
        completed: 3,
        completionPercent: 60,
        overdue: 1,
        upcoming: 0,
        contactMade: { yes: 2, no: 1, notAnswered: 0 },
        livelihoodOperating: { yes: 1, no: 1, notAnswered: 1 },
        incomeChange: { lower: 0, same: 1, higher: 1, notAnswered: 1 },
        livingStandard: { worse: 0, same: 1, better: 1, notAnswered: 1 },
        intendsToMigrate: { yes: 1, no: 1, notAnswered: 1 },
        referredOthers: { followUps: 1, people: 2 },
      };
      const kg = {
        fallenDue: 1,
        completed: 1,
        completionPercent: 100,
        overdue: 0,
        upcoming: 0,
        contactMade: { yes: 1, no: 0, notAnswered: 0 },
        livelihoodOperating: { yes: 1, no: 0, notAnswered: 0 },
        incomeChange: { lower: 1, same: 0, higher: 0, notAnswered: 0 },
        livingStandard: { worse: 1, same: 0, better: 0, notAnswered: 0 },
        intendsToMigrate: { yes: 1, no: 0, notAnswered: 0 },
        referredOthers: { followUps: 1, people: 1 },
      };
      const later = {
        fallenDue: 0,
        completed: 0,
        completionPercent: null,
        overdue: 0,
        upcoming: 5,
        contactMade: none,
        livelihoodOperating: none,
        incomeChange: noIncome,
        livingStandard: noLiving,
        intendsToMigrate: none,
        referredOthers: { followUps: 0, people: 0 },
      };
      expect(res.body).toEqual({
        from: null,
        to: null,
        rows: [
          { country: 'KZ', milestone: '3m', ...kz },
          { country: 'KZ', milestone: '6m', ...later },
          { country: 'KZ', milestone: 'ALL', ...kz, upcoming: 5 },
          { country: 'KG', milestone: '3m', ...kg },
          { country: 'KG', milestone: 'ALL', ...kg },
          {
            country: 'ALL',
            milestone: 'ALL',
            fallenDue: 6,
            completed: 4,
            completionPercent: 66.7,
            overdue: 1,
            upcoming: 5,
            contactMade: { yes: 3, no: 1, notAnswered: 0 },
            livelihoodOperating: { yes: 2, no: 1, notAnswered: 1 },
            incomeChange: { lower: 1, same: 1, higher: 1, notAnswered: 1 },
            livingStandard: { worse: 1, same: 1, better: 1, notAnswered: 1 },
            intendsToMigrate: { yes: 2, no: 1, notAnswered: 1 },
            referredOthers: { followUps: 2, people: 3 },
          },
        ],
      });
      expect(res.text).not.toContain('Gulnara');
      const csv = (await as('admin').get('/reports/follow-ups?format=csv')).text.split('\r\n');
      expect(csv[0]).toBe(
        'country,milestone,fallenDue,completed,completionPercent,overdue,upcoming,contactMade.yes,contactMade.no,contactMade.notAnswered,' +
          'livelihoodOperating.yes,livelihoodOperating.no,livelihoodOperating.notAnswered,incomeChange.lower,incomeChange.same,incomeChange.higher,incomeChange.notAnswered,' +
          'livingStandard.worse,livingStandard.same,livingStandard.better,livingStandard.notAnswered,intendsToMigrate.yes,intendsToMigrate.no,intendsToMigrate.notAnswered,' +
          'referredOthers.followUps,referredOthers.people',
      );
      expect(csv[1]).toBe('KZ,3m,5,3,60.0,1,0,2,1,0,1,1,1,0,1,1,1,0,1,1,1,1,1,1,1,2');
      expect(csv[2]).toBe('KZ,6m,0,0,,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0');
    });

    it('keeps officers to their countries and filters by due day', async () => {
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-01T12:00:00Z'));
      const kg = (await as('officer.kg').get('/reports/follow-ups')).body.rows;
      expect(kg.map((r: { country: string; milestone: string }) => `${r.country}/${r.milestone}`)).toEqual(['KG/3m', 'KG/ALL', 'ALL/ALL']);
      expect(kg[2]).toMatchObject({ fallenDue: 1, completed: 1 });
      const autumn = (await as('auditor').get('/reports/follow-ups?from=2026-10-01&to=2026-12-31')).body.rows;
      expect(autumn.find((r: { country: string; milestone: string }) => r.country === 'KZ' && r.milestone === '3m')).toMatchObject({
        fallenDue: 1,
        completed: 0,
        completionPercent: 0,
        overdue: 0,
      });
      expect(autumn.at(-1)).toMatchObject({ fallenDue: 2, completed: 1, completionPercent: 50 });
      for (const who of ['finance', 'ngo.kz']) expect((await as(who).get('/reports/follow-ups')).status).toBe(403);
      expect((await as('admin').get('/reports/follow-ups?from=2026-12-01&to=2026-01-01')).status).toBe(400);
    });
  });
});
