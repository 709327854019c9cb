// SQL of the beneficiaries module that other modules need: who else registered what looks like the
// same person. Other modules import this file, never beneficiaries.repository.ts.

/**
 * The join condition "o is a registration of what looks like the same person as b" (same keyed
 * person hash, or same keyed document hash when b has one), for `beneficiary b JOIN beneficiary o`.
 */
export const SAME_PERSON = `(o.person_hash = b.person_hash OR (b.document_hash IS NOT NULL AND o.document_hash = b.document_hash))`;

/** What an officer of the application's country (or an admin) sees at review about the same person elsewhere. */
export interface CrossOrganisationMatch {
  /** Another organisation (in any country) registered what looks like the same person. */
  registeredElsewhere: boolean;
  /** How many organisations other than the applicant's. */
  otherOrganisations: number;
  /** Applications of other organisations for that person still waiting for a decision. */
  openApplicationsElsewhere: number;
  /** Applications of other organisations for that person approved in the last 365 days (any fund, any currency). */
  approvalsElsewhereLast365Days: number;
}

/**
 * A scalar subquery, only for officers and admins at review (an NGO never learns it, see
 * docs/security.md): the `CrossOrganisationMatch` counts (json: orgs, open, approved) of the
 * beneficiary row `b` of the enclosing statement; `openStatuses` and `now` are SQL (parameters).
 */
export function crossOrganisationMatchJson(openStatuses: string, now: string): string {
  return `(SELECT json_build_object('orgs', COUNT(DISTINCT m.other_org),
                 'open', COUNT(x.id) FILTER (WHERE x.status = ANY(${openStatuses}::text[])),
                 'approved', COUNT(x.id) FILTER (WHERE x.status = 'approved' AND x.decided_at > ${now}::timestamptz - interval '365 days'))
            FROM (SELECT o.id AS other_id, o.organisation_id AS other_org FROM beneficiary o
                   WHERE o.organisation_id <> b.organisation_id AND ${SAME_PERSON}) m
            LEFT JOIN application x ON x.beneficiary_id = m.other_id)`;
}

/** The match of `crossOrganisationMatchJson`'s counts. */
export function crossOrganisationMatchFrom(counts: { orgs: number; open: number; approved: number }): CrossOrganisationMatch {
  return {
    registeredElsewhere: counts.orgs > 0,
    otherOrganisations: counts.orgs,
    openApplicationsElsewhere: counts.open,
    approvalsElsewhereLast365Days: counts.approved,
  };
}
