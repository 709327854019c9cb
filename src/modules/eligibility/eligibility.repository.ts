import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EligibilityResult } from './entities/eligibility-result.entity.js';
import { EligibilityRun } from './entities/eligibility-run.entity.js';
import { EligibilityWaiver } from './entities/eligibility-waiver.entity.js';

export interface ApplicationFacts {
  organisation_status: string;
  organisation_country: string;
  category: string;
  consent_given_at: string | null;
  beneficiary_id: string;
  organisation_id: string;
}

@Injectable()
export class EligibilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async organisationAndBeneficiary(manager: EntityManager, organisationId: string, beneficiaryId: string) {
    const rows: { status: string; country: string; category: string; consent_given_at: string | null }[] = await manager.query(
      `SELECT o.status, o.country, b.category, to_char(b.consent_given_at, 'YYYY-MM-DD') AS consent_given_at
         FROM organisation o, beneficiary b WHERE o.id = $1 AND b.id = $2`,
      [organisationId, beneficiaryId],
    );
    return rows[0] ?? null;
  }

  /** Beneficiary records that look like the same person (same person hash or document hash), this one included. */
  async samePerson(manager: EntityManager, beneficiaryId: string): Promise<{ id: string; organisation_id: string }[]> {
    return manager.query(
      `SELECT DISTINCT b2.id, b2.organisation_id FROM beneficiary b1
         JOIN beneficiary b2 ON b2.person_hash = b1.person_hash OR (b1.document_hash IS NOT NULL AND b2.document_hash = b1.document_hash)
        WHERE b1.id = $1`,
      [beneficiaryId],
    );
  }

  /** Approved applications for these beneficiaries: the amount granted and the day of the decision. */
  async approvals(manager: EntityManager, beneficiaryIds: string[], excludeApplicationId: string): Promise<{ amount: string; decided_on: string }[]> {
    return manager.query(
      `SELECT COALESCE(approved_total, total)::text AS amount, to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS decided_on
         FROM application WHERE beneficiary_id = ANY($1::uuid[]) AND status = 'approved' AND decided_at IS NOT NULL AND id <> $2`,
      [beneficiaryIds, excludeApplicationId],
    );
  }

  async openApplications(
    manager: EntityManager,
    beneficiaryIds: string[],
    statuses: string[],
    excludeApplicationId: string,
  ): Promise<{ reference: string | null; organisation_id: string }[]> {
    return manager.query(
      `SELECT reference, organisation_id FROM application
        WHERE beneficiary_id = ANY($1::uuid[]) AND status = ANY($2::text[]) AND id <> $3`,
      [beneficiaryIds, statuses, excludeApplicationId],
    );
  }

  async documentKinds(manager: EntityManager, applicationId: string): Promise<string[]> {
    const rows: { kind: string }[] = await manager.query('SELECT DISTINCT kind FROM application_document WHERE application_id = $1', [applicationId]);
    return rows.map((r) => r.kind);
  }

  async insertRun(manager: EntityManager, run: Omit<EligibilityRun, 'id'>, results: Omit<EligibilityResult, 'id' | 'runId'>[]): Promise<EligibilityRun> {
    const saved = await manager.getRepository(EligibilityRun).save(manager.getRepository(EligibilityRun).create(run));
    if (results.length) {
      const repo = manager.getRepository(EligibilityResult);
      await repo.save(results.map((r) => repo.create({ ...r, runId: saved.id })));
    }
    return saved;
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
