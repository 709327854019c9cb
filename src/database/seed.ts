import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock/clock.js';
import { AwardsService } from '../modules/awards/awards.service.js';
import { BeneficiariesService } from '../modules/beneficiaries/beneficiaries.service.js';
import { FundsService } from '../modules/funds/funds.service.js';
import { FxRatesService } from '../modules/fx-rates/fx-rates.service.js';
import { OrganisationsService } from '../modules/organisations/organisations.service.js';
import { UsersService } from '../modules/users/users.service.js';
import { ApplicationsService } from '../modules/applications/applications.service.js';
import { DisbursementsService } from '../modules/disbursements/disbursements.service.js';
import { PaymentBatchesService } from '../modules/payment-batches/payment-batches.service.js';
import { ReconciliationService } from '../modules/reconciliation/reconciliation.service.js';
import type { DecisionDto } from '../modules/reviews/dto/review.dto.js';
import { ReviewsService } from '../modules/reviews/reviews.service.js';
import { SchedulerService } from '../modules/scheduler/scheduler.service.js';
import { DEMO_APPLICATIONS, DEMO_BENEFICIARIES, DEMO_COUNTRIES, DEMO_PAID_AWARD } from './seed-data.js';
import { LettersService } from '../modules/letters/letters.service.js';

export interface SeedResult {
  created: boolean;
  generatedPassword?: string;
}

const money = (usd: number, perUsd: number) => (Math.round(usd * perUsd * 100) / 100).toFixed(2);
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The day `months` calendar months away, as PostgreSQL adds months (31 May - 3 months = 28 or 29 February). */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))));
}

/** When each step of the demo's history happened (DEMO_PAID_AWARD), counted back from the seeding day. */
export function demoHistory(now: Date) {
  // booked three months before the seeding day, so the 3-month follow-up falls due on it (or a day or two before, at a month's end)
  const paidOn = addMonths(isoDay(now), -3);
  const approvedOn = isoDay(new Date(Date.parse(paidOn) - DEMO_PAID_AWARD.approvalToPayment * DAY));
  const at = (day: string, days: number, hourUtc: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY + hourUtc * 3_600_000);
  return {
    paidOn,
    registered: at(approvedOn, -2, 5),
    submitted: at(approvedOn, -2, 6),
    claimed: at(approvedOn, 0, 4),
    approved: at(approvedOn, 0, 5),
    amended: at(approvedOn, 3, 5),
    englishCopy: at(approvedOn, 3, 9),
    paymentSent: at(approvedOn, 5, 4),
    statementImported: at(paidOn, 1, 4),
  };
}

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
  const history = demoHistory(now);
  // the funds are open since the demo's history began, when that was last year
  const periodStart =
    options.mode === 'full' ? [`${year}-01-01`, `${isoDay(history.registered).slice(0, 7)}-01`].sort()[0] : `${year}-01-01`;

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
        periodStart,
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
    // each month's rate of each currency (the demo's round figures) since the history began, so USD reports convert
    const fxRates = app.get(FxRatesService);
    for (
      let month = isoDay(history.registered).slice(0, 7);
      month <= isoDay(now).slice(0, 7);
      month = addMonths(`${month}-01`, 1).slice(0, 7)
    ) {
      for (const c of DEMO_COUNTRIES) {
        await fxRates.create({ currency: c.currency, month, usdRate: (1 / c.perUsd).toFixed(10) }, staff.admin);
      }
    }
    await seedPaidAward(app, history, { ngo: caseWorkers.KZ[0], officer: officers.KZ, finance: staff.finance });
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
        // days before today, never after it: the app refuses dates that have not come (in January too)
        consent: { givenAt: isoDay(new Date(now.getTime() - 20 * DAY)), method: 'written' },
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
        stateSupport: { ...a.stateSupport, requestedOn: a.stateSupport.requested ? isoDay(new Date(now.getTime() - 10 * DAY)) : null },
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
  // the demo's letters are issued before the demo is used (approvals leave them to background rendering)
  await app.get(LettersService).idle();
  return { created: true, generatedPassword: options.password ? undefined : password };
}

/**
 * The demo's history, before today's samples: a request approved about a hundred days ago, amended,
 * copied in English, paid and closed, whose 3-month follow-up is due today. The services do each step
 * with their clock moved to the day it happened (so the letters, decision times, payment and
 * follow-up dates agree), then the creation times of its own records are moved back to match.
 * Records the database keeps append-only (history events, the audit log, the ledger, issued letters)
 * keep the day the seed wrote them.
 */
async function seedPaidAward(
  app: INestApplicationContext,
  history: ReturnType<typeof demoHistory>,
  users: { ngo: AuthUser; officer: AuthUser; finance: AuthUser },
): Promise<void> {
  const clock = app.get(Clock);
  const during = async <T>(when: Date, work: () => Promise<T>): Promise<T> => {
    clock.now = () => new Date(when);
    try {
      return await work();
    } finally {
      delete (clock as { now?: unknown }).now; // the prototype's real clock again
    }
  };
  const h = DEMO_PAID_AWARD;
  const perUsd = DEMO_COUNTRIES.find((c) => c.country === h.person.country)!.perUsd;
  const person = await during(history.registered, () =>
    app.get(BeneficiariesService).register(users.ngo, {
      category: h.person.category,
      sex: h.person.sex,
      flags: h.person.flags as never,
      birthYear: Number(h.person.dateOfBirth.slice(0, 4)),
      nationality: h.person.nationality,
      fullName: h.person.fullName,
      dateOfBirth: h.person.dateOfBirth,
      consent: { givenAt: isoDay(history.registered), method: 'written' },
    }),
  );
  const applications = app.get(ApplicationsService);
  const draft = await during(history.registered, () =>
    applications.create(users.ngo, {
      beneficiaryId: person.id,
      urgency: h.urgency,
      language: h.language,
      items: h.items.map((i) => ({ type: i.type as never, description: i.description, amount: money(i.usd, perUsd) })),
      justification: h.justification,
      stateSupport: { ...h.stateSupport, requestedOn: isoDay(new Date(history.registered.getTime() - 7 * DAY)) },
    }),
  );
  await during(history.submitted, () => applications.submit(users.ngo, draft.id, {}));
  const reviews = app.get(ReviewsService);
  await during(history.claimed, () => reviews.claim(users.officer, draft.id));
  await during(history.approved, () =>
    reviews.decide(users.officer, draft.id, {
      decision: 'approve',
      items: draft.items.map((item, i) => ({ itemId: item.id, approvedAmount: money(h.items[i].firstApprovedUsd, perUsd) })),
      conditions: h.conditions,
    } as DecisionDto),
  );
  const awards = app.get(AwardsService);
  const [award] = (await awards.list(users.officer, { applicationId: draft.id })).items;
  const amended = await during(history.amended, () =>
    awards.amend(users.officer, award.id, {
      version: award.version,
      reason: h.amendmentReason,
      items: [{ itemId: draft.items[0].id, approvedAmount: money(h.items[0].usd, perUsd) }],
    }),
  );
  // the NGO asked for an English copy of the letter, for a donor
  await during(history.englishCopy, () => awards.letter(users.ngo, award.id, { lang: 'en' }));

  const tranche = await during(history.paymentSent, async () => {
    const { body } = await app.get(DisbursementsService).create(users.finance, `demo-history-${award.id}`, {
      awardId: award.id,
      amount: amended.amount,
      method: 'bank_transfer',
      payee: null,
    });
    const batches = app.get(PaymentBatchesService);
    const batch = await batches.create(users.finance, { disbursementIds: [body.id] });
    await batches.markSent(users.finance, batch.id, {});
    return { ...body, batchId: batch.id };
  });
  const csv =
    'bookingDate,amount,currency,reference,counterparty,bankTransactionId\n' +
    `${history.paidOn},-${amended.amount},${amended.currency},${tranche.paymentReference},Sana Sezim,DEMO-${tranche.paymentReference}\n`;
  const imported = await during(history.statementImported, () =>
    app.get(ReconciliationService).importStatement(users.finance, 'text/csv', Readable.from([Buffer.from(csv)])),
  );
  // the scheduler makes the follow-ups right after the award closes
  const scheduler = app.get(SchedulerService);
  await during(history.statementImported, () => scheduler.followUpsDue());

  const dataSource = app.get(DataSource);
  await dataSource.transaction(async (m) => {
    const set = (table: string, where: string, id: string, created: Date, updated?: Date) =>
      m.query(`UPDATE ${table} SET created_at = $2${updated ? ', updated_at = $3' : ''} WHERE ${where} = $1`, [
        id,
        created,
        ...(updated ? [updated] : []),
      ]);
    await set('beneficiary', 'id', person.id, history.registered, history.registered);
    await set('application', 'id', draft.id, history.registered, history.approved);
    await set('award', 'id', award.id, history.approved, history.statementImported);
    await set('disbursement', 'award_id', award.id, history.paymentSent, history.statementImported);
    await set('payment_batch', 'id', tranche.batchId, history.paymentSent, history.paymentSent);
    await set('bank_statement', 'id', imported.statementId, history.statementImported);
    await set('bank_statement_line', 'statement_id', imported.statementId, history.statementImported);
    await set('follow_up', 'award_id', award.id, history.statementImported, history.statementImported);
    // the case worker read the decision the day it came
    await m.query(`UPDATE notification SET created_at = $2, read_at = $3 WHERE application_id = $1`, [
      draft.id,
      history.approved,
      new Date(history.approved.getTime() + 3 * 3_600_000),
    ]);
  });
  // today: the 3-month follow-up is due, and the NGO is told
  await scheduler.followUpsDue();
}
