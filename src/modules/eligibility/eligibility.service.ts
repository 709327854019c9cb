import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Category } from '../../common/domain-codes.js';
import { toMinor } from '../../common/money/money.js';
import type { FundRules } from './domain/fund-rules.js';

/** The fund fields the rules read (a Fund has them; eligibility does not depend on the funds module). */
export interface FundForRules {
  id: string;
  status: string;
  country: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  rules: FundRules;
}
import { blockingFailures, evaluate } from './domain/engine.js';
import type { EligibilityContext, RuleResult } from './domain/eligibility.types.js';
import { type EligibilityResponse, toEligibilityResponse } from './dto/eligibility.dto.js';
import { EligibilityRepository } from './eligibility.repository.js';
import type { EligibilityResult } from './entities/eligibility-result.entity.js';
import { EligibilityRun } from './entities/eligibility-run.entity.js';
import { EligibilityWaiver } from './entities/eligibility-waiver.entity.js';
import type { ApplicationFacts } from './eligibility.sql.js';

/** What the rules need to know about the application itself. */
export interface ApplicationUnderReview {
  id: string;
  organisationId: string;
  beneficiaryId: string;
  items: { type: string; amount: string }[];
  total: string;
  stateSupport: EligibilityContext['application']['stateSupport'];
}

export interface StoredEvaluation {
  run: EligibilityRun;
  results: RuleResult[];
  /** The results as stored rows. */
  resultRows: Omit<EligibilityResult, 'id' | 'runId' | 'run'>[];
  waivers: EligibilityWaiver[];
  blocking: string[];
  beneficiaryCode: string;
}

@Injectable()
export class EligibilityService {
  constructor(private readonly repository: EligibilityRepository) {}

  /**
   * Runs every rule on the application with the facts read with it (`eligibilityFactsJson`). The run
   * is returned unsaved, with its id: the caller stores it (`eligibilityRunCtes`) in the statement
   * that records the outcome.
   */
  evaluate(app: ApplicationUnderReview, fund: FundForRules, now: Date, facts: ApplicationFacts | null): StoredEvaluation {
    if (!facts) throw new Error(`Application ${app.id} points at a missing organisation or beneficiary`);
    const evaluation = evaluate(this.context(app, fund, now, facts), fund.rules.overrides);
    const waivers = facts.waivers.map((w) =>
      Object.assign(new EligibilityWaiver(), { ...w, applicationId: app.id, createdAt: new Date(w.createdAt) }),
    );
    const blocking = blockingFailures(
      evaluation.results,
      waivers.map((w) => w.ruleCode),
    );
    const run = Object.assign(new EligibilityRun(), {
      id: randomUUID(),
      applicationId: app.id,
      ruleSetVersion: evaluation.ruleSetVersion,
      outcome: blocking.length ? ('ineligible' as const) : ('eligible' as const),
      disabledRules: evaluation.disabledRules,
      evaluatedAt: now,
    });
    const resultRows = evaluation.results.map((r, position) => ({
      position,
      ruleCode: r.code,
      outcome: r.outcome,
      message: r.message,
      values: r.values,
    }));
    return { run, results: evaluation.results, resultRows, waivers, blocking, beneficiaryCode: facts.beneficiary_code };
  }

  /**
   * An application's owner and country, and its latest check as the answer shows it (null before
   * the first submission); null when there is no such application.
   */
  async latestOfApplication(
    applicationId: string,
  ): Promise<{ organisationId: string; country: string; latest: EligibilityResponse | null } | null> {
    const found = await this.repository.latestOfApplication(applicationId);
    return found && { ...found, latest: found.latest && toEligibilityResponse(found.latest) };
  }

  /** Latest run summaries and waivers of several applications, for list responses. */
  async summaries(applicationIds: string[]) {
    const [runs, waivers] = await Promise.all([this.repository.latestRuns(applicationIds), this.repository.waivers(applicationIds)]);
    return { runs, waivers };
  }

  waivers(applicationId: string, manager?: EntityManager): Promise<EligibilityWaiver[]> {
    return this.repository.waivers([applicationId], manager);
  }

  async latestWithResults(manager: EntityManager, applicationId: string) {
    const run = await this.repository.latestRun(applicationId, manager);
    return run ? { run, results: await this.repository.results(run.id, manager) } : null;
  }

  addWaiver(manager: EntityManager, waiver: Omit<EligibilityWaiver, 'id' | 'createdAt'>) {
    return this.repository.insertWaiver(manager, waiver);
  }

  private context(app: ApplicationUnderReview, fund: FundForRules, now: Date, facts: ApplicationFacts): EligibilityContext {
    const today = now.toISOString().slice(0, 10);
    const ctx: EligibilityContext = {
      today,
      organisation: { status: facts.organisation_status, country: facts.organisation_country },
      fund: {
        status: fund.status,
        country: fund.country,
        currency: fund.currency,
        periodStart: fund.periodStart,
        periodEnd: fund.periodEnd,
        rules: fund.rules,
        available: toMinor(facts.fund_available),
      },
      beneficiary: {
        category: facts.category as Category,
        consentGivenAt: facts.consent_given_at,
        registeredAgain: facts.registered_again,
      },
      application: {
        items: app.items.map((i) => ({
          type: i.type as EligibilityContext['application']['items'][number]['type'],
          amount: toMinor(i.amount),
        })),
        total: toMinor(app.total),
        stateSupport: app.stateSupport,
        documentKinds: facts.document_kinds,
      },
      priorApprovals: facts.approvals.map((a) => ({ amount: toMinor(a.amount), decidedOn: a.decidedOn })),
      otherOpenApplications: facts.own_open_references.map((reference) => ({ reference })),
    };
    return ctx;
  }
}
