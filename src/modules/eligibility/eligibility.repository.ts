import { Injectable } from '@nestjs/common';
import { pooledPreparedQuery, preparedQuery } from '../../common/database/prepared.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { LatestRun } from './dto/eligibility.dto.js';
import { EligibilityResult } from './entities/eligibility-result.entity.js';
import { EligibilityRun } from './entities/eligibility-run.entity.js';
import { EligibilityWaiver } from './entities/eligibility-waiver.entity.js';

/** What the rules need from the database about an application, read in one statement. */
export interface ApplicationFacts {
  organisation_status: string;
  organisation_country: string;
  beneficiary_code: string;
  category: string;
  consent_given_at: string | null;
  /** The organisation registered what looks like the same person under another code. */
  registered_again: boolean;
  document_kinds: string[];
  approvals: { amount: string; decidedOn: string }[];
  /** Up to five references of the organisation's own other open applications for the person. */
  own_open_references: string[];
  /** The fund's available balance from its ledger (budget − committed − disbursed). */
  fund_available: string;
}

@Injectable()
export class EligibilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The organisation, the beneficiary, the organisation's other registrations of the same person
   * (same person hash or document hash), their approvals and open applications, and the kinds of
   * documents attached: one round trip. Only the applying organisation's registrations: every finding
   * reaches the NGO, so none may depend on another organisation's records (no duplicate oracle);
   * officers see those at review (`crossOrganisationMatchJson`).
   */
  async facts(
    manager: EntityManager,
    args: {
      organisationId: string;
      beneficiaryId: string;
      applicationId: string;
      openStatuses: readonly string[];
      fundId: string;
      now: Date;
    },
  ): Promise<ApplicationFacts | null> {
    const rows: ApplicationFacts[] = await preparedQuery(
      manager,
      'ef_eligibility_facts',
      `WITH person AS (
         SELECT b2.id, b2.organisation_id FROM beneficiary b1
           JOIN beneficiary b2 ON b2.organisation_id = b1.organisation_id
            AND (b2.person_hash = b1.person_hash OR (b1.document_hash IS NOT NULL AND b2.document_hash = b1.document_hash))
          WHERE b1.id = $2)
       SELECT o.status AS organisation_status, o.country AS organisation_country, b.code AS beneficiary_code, b.category,
              to_char(b.consent_given_at, 'YYYY-MM-DD') AS consent_given_at,
              EXISTS (SELECT 1 FROM person p WHERE p.id <> $2) AS registered_again,
              ARRAY(SELECT DISTINCT d.kind FROM application_document d WHERE d.application_id = $3) AS document_kinds,
              COALESCE((SELECT json_agg(json_build_object('amount', COALESCE((SELECT aw.amount FROM award aw WHERE aw.application_id = a.id), a.approved_total, a.total)::text,
                                                          'decidedOn', to_char(a.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')))
                          FROM application a
                         WHERE a.beneficiary_id IN (SELECT id FROM person) AND a.status = 'approved'
                           AND a.decided_at > $6::timestamptz - interval '400 days' AND a.id <> $3), '[]') AS approvals,
              ARRAY(SELECT a.reference FROM application a
                     WHERE a.beneficiary_id IN (SELECT id FROM person) AND a.status = ANY($4::text[]) AND a.id <> $3
                       AND a.organisation_id = $1 AND a.reference IS NOT NULL
                     ORDER BY a.created_at DESC LIMIT 5) AS own_open_references,
              (SELECT f.available::text FROM fund f WHERE f.id = $5) AS fund_available
         FROM organisation o, beneficiary b
        WHERE o.id = $1 AND b.id = $2`,
      [args.organisationId, args.beneficiaryId, args.applicationId, args.openStatuses, args.fundId, args.now],
    );
    return rows[0] ?? null;
  }

  /**
   * An application's owner and country (to decide who may see it), its latest run with the results
   * by position, and the rules waived for it: one prepared statement. Null when there is no such
   * application; `latest` null before the first submission.
   */
  async latestOfApplication(applicationId: string): Promise<{ organisationId: string; country: string; latest: LatestRun | null } | null> {
    const rows: {
      organisation_id: string;
      country: string;
      run_json: (LatestRun['run'] & { evaluatedAt: string; results: LatestRun['results'] }) | null;
      waived: string[];
    }[] = await pooledPreparedQuery(
      this.dataSource,
      'ef_eligibility_latest',
      `SELECT a.organisation_id, a.country,
                (SELECT json_build_object('id', r.id, 'ruleSetVersion', r.rule_set_version, 'outcome', r.outcome,
                                          'evaluatedAt', r.evaluated_at, 'disabledRules', r.disabled_rules,
                                          'results', COALESCE((SELECT json_agg(json_build_object('ruleCode', x.rule_code, 'outcome', x.outcome,
                                                                                                 'message', x.message, 'values', x.values) ORDER BY x.position)
                                                                 FROM eligibility_result x WHERE x.run_id = r.id), '[]'))
                   FROM eligibility_run r WHERE r.application_id = a.id ORDER BY r.evaluated_at DESC, r.id DESC LIMIT 1) AS run_json,
                ARRAY(SELECT w.rule_code FROM eligibility_waiver w WHERE w.application_id = a.id) AS waived
           FROM application a WHERE a.id = $1`,
      [applicationId],
    );
    const row = rows[0];
    if (!row) return null;
    const r = row.run_json;
    return {
      organisationId: row.organisation_id,
      country: row.country,
      latest: r && { run: { ...r, evaluatedAt: new Date(r.evaluatedAt) }, results: r.results, waivedRules: row.waived },
    };
  }

  latestRun(applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<EligibilityRun | null> {
    return manager.getRepository(EligibilityRun).findOne({ where: { applicationId }, order: { evaluatedAt: 'DESC', id: 'DESC' } });
  }

  /** The latest run of each application, for lists. */
  async latestRuns(applicationIds: string[]): Promise<Map<string, { run: EligibilityRun; results: EligibilityResult[] }>> {
    const out = new Map<string, { run: EligibilityRun; results: EligibilityResult[] }>();
    if (!applicationIds.length) return out;
    const runs = await this.dataSource
      .getRepository(EligibilityRun)
      .createQueryBuilder('r')
      .distinctOn(['r.applicationId'])
      .where('r.applicationId IN (:...ids)', { ids: applicationIds })
      .orderBy('r.applicationId')
      .addOrderBy('r.evaluatedAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
    if (!runs.length) return out;
    const results = await this.dataSource
      .getRepository(EligibilityResult)
      .createQueryBuilder('x')
      .where('x.runId IN (:...ids)', { ids: runs.map((r) => r.id) })
      .orderBy('x.position')
      .getMany();
    for (const run of runs) out.set(run.applicationId, { run, results: results.filter((x) => x.runId === run.id) });
    return out;
  }

  results(runId: string, manager: EntityManager = this.dataSource.manager): Promise<EligibilityResult[]> {
    return manager.getRepository(EligibilityResult).find({ where: { runId }, order: { position: 'ASC' } });
  }

  waivers(applicationIds: string[], manager: EntityManager = this.dataSource.manager): Promise<EligibilityWaiver[]> {
    if (!applicationIds.length) return Promise.resolve([]);
    return manager
      .getRepository(EligibilityWaiver)
      .createQueryBuilder('w')
      .where('w.applicationId IN (:...ids)', { ids: applicationIds })
      .orderBy('w.createdAt')
      .getMany();
  }

  /** Null when this rule is already waived for the application. */
  async insertWaiver(manager: EntityManager, waiver: Omit<EligibilityWaiver, 'id' | 'createdAt'>): Promise<EligibilityWaiver | null> {
    const repo = manager.getRepository(EligibilityWaiver);
    if (await repo.existsBy({ applicationId: waiver.applicationId, ruleCode: waiver.ruleCode })) return null;
    return repo.save(repo.create(waiver));
  }
}
