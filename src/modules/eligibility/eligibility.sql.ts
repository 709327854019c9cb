// SQL of the eligibility module that other modules' statements embed: a submission reads the facts
// the rules need in the statement that reads the application, and stores its run and results in the
// statement that records the outcome. Other modules import this file, never
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

/** What the rules need from the database about an application (`eligibilityFactsJson`). */
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
  /** The fund's available balance (budget − committed − disbursed). */
  fund_available: string;
  /** The rules waived for the application, as `EligibilityWaiver` fields (times as json text). */
  waivers: { id: string; ruleCode: string; reason: string; createdBy: string; createdAt: string }[];
}

/**
 * The facts of the application row `app` (an SQL alias) as one json object, `ApplicationFacts`:
 * the organisation, the beneficiary, the organisation's other registrations of the same person
 * (same person hash or document hash), their approvals since 400 days before `now` (the
 * evaluation's time, the clock's, not the database's) and their open applications (statuses
 * `openStatuses`, a text[]), the kinds of documents attached, the fund's available balance and the
 * waivers. `openStatuses` and `now` are SQL. Only the applying
 * organisation's registrations: every finding reaches the NGO, so none may depend on another
 * organisation's records (no duplicate oracle); officers see those at review (`crossOrganisationMatchJson`).
 */
export function eligibilityFactsJson(app: string, openStatuses: string, now: string): string {
  const person = `SELECT p.id FROM beneficiary p
                   WHERE p.organisation_id = b.organisation_id
                     AND (p.person_hash = b.person_hash OR (b.document_hash IS NOT NULL AND p.document_hash = b.document_hash))`;
  return `(SELECT json_build_object(
             'organisation_status', o.status, 'organisation_country', o.country, 'beneficiary_code', b.code, 'category', b.category,
             'consent_given_at', to_char(b.consent_given_at, 'YYYY-MM-DD'),
             'registered_again', EXISTS (${person} AND p.id <> b.id),
             'document_kinds', ARRAY(SELECT DISTINCT d.kind FROM application_document d WHERE d.application_id = ${app}.id),
             'approvals', COALESCE((SELECT json_agg(json_build_object(
                                             'amount', COALESCE((SELECT aw.amount FROM award aw WHERE aw.application_id = x.id), x.approved_total, x.total)::text,
                                             'decidedOn', to_char(x.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')))
                                      FROM application x
                                     WHERE x.beneficiary_id IN (${person}) AND x.status = 'approved'
                                       AND x.decided_at > ${now}::timestamptz - interval '400 days' AND x.id <> ${app}.id), '[]'),
             'own_open_references', ARRAY(SELECT x.reference FROM application x
                                           WHERE x.beneficiary_id IN (${person}) AND x.status = ANY(${openStatuses}::text[]) AND x.id <> ${app}.id
                                             AND x.organisation_id = ${app}.organisation_id AND x.reference IS NOT NULL
                                           ORDER BY x.created_at DESC LIMIT 5),
             'fund_available', (SELECT f.available::text FROM fund f WHERE f.id = ${app}.fund_id),
             'waivers', COALESCE((SELECT json_agg(json_build_object('id', w.id, 'ruleCode', w.rule_code, 'reason', w.reason,
                                                                    'createdBy', w.created_by, 'createdAt', w.created_at) ORDER BY w.created_at)
                                    FROM eligibility_waiver w WHERE w.application_id = ${app}.id), '[]'))
            FROM organisation o, beneficiary b
           WHERE o.id = ${app}.organisation_id AND b.id = ${app}.beneficiary_id)`;
}
