import { Injectable } from '@nestjs/common';
import { pooledPreparedQuery } from '../../common/database/prepared.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { LatestRun } from './dto/eligibility.dto.js';
import { EligibilityResult } from './entities/eligibility-result.entity.js';
import { EligibilityRun } from './entities/eligibility-run.entity.js';
import { EligibilityWaiver } from './entities/eligibility-waiver.entity.js';

@Injectable()
export class EligibilityRepository {
  constructor(private readonly dataSource: DataSource) {}

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
