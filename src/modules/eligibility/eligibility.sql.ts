// SQL of the eligibility module that other modules' statements embed: a submission stores its run
// and results in the statement that records the outcome. Other modules import this file, never
// eligibility.repository.ts.
import type { EligibilityResult } from './entities/eligibility-result.entity.js';
import type { EligibilityRun } from './entities/eligibility-run.entity.js';

/**
 * Two data-modifying CTEs (`elig_run`, `elig_results`) that store a run and its results given as one
 * jsonb parameter (`eligibilityRunParam`), for rows of `from` (nothing is stored when `from` is empty):
 * lets a submission store its run in the same statement as the status change.
 */
export function eligibilityRunCtes(param: string, from: string): string {
  return `elig_run AS (
         INSERT INTO eligibility_run (id, application_id, rule_set_version, outcome, disabled_rules, evaluated_at)
         SELECT (p.v->>'id')::uuid, (p.v->>'applicationId')::uuid, p.v->>'ruleSetVersion', p.v->>'outcome',
                ARRAY(SELECT jsonb_array_elements_text(p.v->'disabledRules')), (p.v->>'evaluatedAt')::timestamptz
           FROM ${from}, (SELECT ${param}::jsonb AS v) p),
       elig_results AS (
         INSERT INTO eligibility_result (run_id, position, rule_code, outcome, message, values)
         SELECT (p.v->>'id')::uuid, e.position, e.rule_code, e.outcome, e.message, e.values
           FROM ${from}, (SELECT ${param}::jsonb AS v) p,
                jsonb_to_recordset(p.v->'results') AS e(position int, rule_code text, outcome text, message text, values jsonb))`;
}

export function eligibilityRunParam(run: EligibilityRun, results: Omit<EligibilityResult, 'id' | 'runId' | 'run'>[]): string {
  return JSON.stringify({
    id: run.id,
    applicationId: run.applicationId,
    ruleSetVersion: run.ruleSetVersion,
    outcome: run.outcome,
    disabledRules: run.disabledRules,
    evaluatedAt: run.evaluatedAt.toISOString(),
    results: results.map((r) => ({
      position: r.position,
      rule_code: r.ruleCode,
      outcome: r.outcome,
      message: r.message,
      values: r.values,
    })),
  });
}
