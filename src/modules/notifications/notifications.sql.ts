// SQL of the notifications module that other modules run in their own statements: a review step
// writes its notice in the statement that writes the step. Other modules import this file, never
// notifications.repository.ts.

/** The active NGO case workers of organisation `organisationId` (SQL), as a condition on `app_user u`. */
export function organisationCaseWorkers(organisationId: string): string {
  return `u.organisation_id = ${organisationId}::uuid AND u.role = 'ngo'`;
}

/** The active officers of `country` (SQL), as a condition on `app_user u`. */
export function countryOfficers(country: string): string {
  return `u.role = 'officer' AND ${country}::text = ANY(u.countries)`;
}

/**
 * One notice to each active user `recipients` selects (a condition on `app_user u`); the other
 * arguments are SQL. A repeated (user, dedupe key) is skipped; returns the ids written.
 */
export function noticeInsert(recipients: string, n: { kind: string; applicationId: string; text: string; dedupeKey: string }): string {
  return `INSERT INTO notification (user_id, kind, application_id, text, dedupe_key)
          SELECT u.id, ${n.kind}, ${n.applicationId}, ${n.text}, ${n.dedupeKey} FROM app_user u WHERE u.status = 'active' AND ${recipients}
          ON CONFLICT (user_id, dedupe_key) DO NOTHING
          RETURNING id`;
}
