import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { BeneficiariesService } from '../modules/beneficiaries/beneficiaries.service.js';
import { FundsService } from '../modules/funds/funds.service.js';
import { FxRatesService } from '../modules/fx-rates/fx-rates.service.js';
import { OrganisationsService } from '../modules/organisations/organisations.service.js';
import { UsersService } from '../modules/users/users.service.js';
import { ApplicationsService } from '../modules/applications/applications.service.js';
import type { DecisionDto } from '../modules/reviews/dto/review.dto.js';
import { ReviewsService } from '../modules/reviews/reviews.service.js';
import { DEMO_APPLICATIONS, DEMO_BENEFICIARIES, DEMO_COUNTRIES } from './seed-data.js';

export interface SeedResult {
  created: boolean;
  generatedPassword?: string;
}

const money = (usd: number, perUsd: number) => (Math.round(usd * perUsd * 100) / 100).toFixed(2);

/**
 * Seeds the demo program through the services themselves (so validation, encryption and the audit
 * trail apply): a fund per program country, two NGOs per country and the SPEC's users. Does nothing
 * when the admin user exists already. `full` adds sample beneficiaries and requests (at least one
 * submitted in every country) and an FX rate of each currency for the current month; `minimal` does not.
 */
export async function seedDemo(
  app: INestApplicationContext,
  options: { mode: 'full' | 'minimal'; password?: string; now?: Date },
): Promise<SeedResult> {
  const dataSource = app.get(DataSource);
  const existing: unknown[] = await dataSource.query(`SELECT 1 FROM app_user WHERE email_normalised = 'admin@example.org'`);
  if (existing.length) return { created: false };

  const password = options.password ?? randomBytes(12).toString('base64url');
  const organisations = app.get(OrganisationsService);
  const users = app.get(UsersService);
  const funds = app.get(FundsService);
  const beneficiaries = app.get(BeneficiariesService);
  const now = options.now ?? new Date();
  const year = now.getUTCFullYear();

  const staff: Record<string, AuthUser> = {};
  for (const [email, fullName, role] of [
    ['admin@example.org', 'Program Manager', 'admin'],
    ['auditor@example.org', 'M&E Auditor', 'auditor'],
    ['finance@example.org', 'Finance Officer', 'finance'],
  ] as const) {
    const u = await users.create({ email, fullName, role, password });
    staff[role] = { id: u.id, email: u.email, role, organisationId: null, countries: [] };
  }

  const caseWorkers: Record<string, AuthUser[]> = {};
  const officers: Record<string, AuthUser> = {};
  for (const c of DEMO_COUNTRIES) {
    await funds.create(
      {
        name: `EF ${c.countryName} ${year}`,
        country: c.country,
        currency: c.currency,
        budget: money(100_000, c.perUsd),
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        rules: {
          maxPerApplication: money(1_000, c.perUsd),
          typeCaps: { business_startup: money(800, c.perUsd) },
          beneficiaryCap365d: money(1_600, c.perUsd),
          secondApprovalThreshold: money(600, c.perUsd),
          slaHours: c.slaHours,
          femaleTargetPercent: c.femaleTargetPercent,
        },
      },
      null,
    );
    const cc = c.country.toLowerCase();
    const orgIds: string[] = [];
    for (const ngo of c.ngos) {
      const org = await organisations.create({
        name: ngo.name,
        country: c.country,
        registrationNumber: ngo.registrationNumber,
        contactEmail: `office@${ngo.name.toLowerCase().replace(/[^a-z]/g, '')}.example.org`,
        address: `${ngo.city}, ${c.countryName}`,
        bankAccount: { bankName: ngo.bankName, iban: ngo.iban, bic: ngo.bic },
      });
      orgIds.push(org.id);
    }
    const officer = await users.create({
      email: `officer.${cc}@example.org`,
      fullName: c.officers[0],
      role: 'officer',
      countries: [c.country],
      password,
    });
    officers[c.country] = { id: officer.id, email: officer.email, role: 'officer', organisationId: null, countries: [c.country] };
    await users.create({ email: `officer2.${cc}@example.org`, fullName: c.officers[1], role: 'officer', countries: [c.country], password });
    caseWorkers[c.country] = [];
    for (const [i, prefix] of ['ngo', 'ngo2'].entries()) {
      const u = await users.create({
        email: `${prefix}.${cc}@example.org`,
        fullName: c.caseWorkers[i],
        role: 'ngo',
        organisationId: orgIds[i],
        password,
      });
      caseWorkers[c.country].push({ id: u.id, email: u.email, role: 'ngo', organisationId: orgIds[i], countries: [] });
    }
  }

  if (options.mode === 'full') {
    // this month's rate of each currency (the demo's round figures), so USD reports of today's work convert
    const month = now.toISOString().slice(0, 7);
    const fxRates = app.get(FxRatesService);
    for (const c of DEMO_COUNTRIES) {
      await fxRates.create({ currency: c.currency, month, usdRate: (1 / c.perUsd).toFixed(10) }, staff.admin);
    }
    const applications = app.get(ApplicationsService);
    const registered: string[] = [];
    for (const b of DEMO_BENEFICIARIES) {
      const created = await beneficiaries.register(caseWorkers[b.country][b.ngo], {
        category: b.category,
        sex: b.sex,
        flags: b.flags as never,
        birthYear: Number(b.dateOfBirth.slice(0, 4)),
        nationality: b.nationality,
        fullName: b.fullName,
        dateOfBirth: b.dateOfBirth,
        consent: { givenAt: `${year}-01-15`, method: 'written' },
      });
      registered.push(created.id);
    }
    // a few requests in different states: submitted (one with a duplicate-person warning), ineligible (over the cap), a draft
    for (const a of DEMO_APPLICATIONS) {
      const b = DEMO_BENEFICIARIES[a.beneficiary];
      const country = DEMO_COUNTRIES.find((c) => c.country === b.country)!;
      const worker = caseWorkers[b.country][b.ngo];
      const draft = await applications.create(worker, {
        beneficiaryId: registered[a.beneficiary],
        urgency: a.urgency,
        language: a.language,
        items: a.items.map((i) => ({ type: i.type as never, description: i.description, amount: money(i.usd, country.perUsd) })),
        justification: a.justification,
        stateSupport: { ...a.stateSupport, requestedOn: a.stateSupport.requested ? `${year}-01-20` : null },
      });
      if (a.submit) await applications.submit(worker, draft.id, {});
      if (a.approve) {
        const reviews = app.get(ReviewsService);
        await reviews.claim(officers[b.country], draft.id);
        await reviews.decide(officers[b.country], draft.id, {
          decision: 'approve',
          conditions: 'Receipts for every payment within 30 days.',
        } as DecisionDto);
      }
    }
  }
  return { created: true, generatedPassword: options.password ? undefined : password };
}
