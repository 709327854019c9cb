// SQL of the letters module that other modules embed in their own statements: the first letter of
// an award inserted in the statement that numbers the award, and an award's current letter read
// with the award. Other modules import this file, never
// letters.repository.ts.

/** A letter ready to insert, all but the award's number (the statement that numbers the award adds it). */
export interface PendingLetterRow {
  version: number;
  language: string;
  verificationCode: string;
  verificationCodeHash: string;
  /** The letter's content without `awardNumber`, as jsonb text. */
  content: string;
}

/**
 * Inserts the pending letter for the award row of `from` (a relation with `id` and `number`); `p`
 * names the SQL parameters holding the fields of a `PendingLetterRow`.
 */
export function pendingLetterInsert(from: string, p: Record<keyof PendingLetterRow, string>): string {
  return `INSERT INTO award_letter (award_id, version, language, verification_code, verification_code_hash, content)
       SELECT ${from}.id, ${p.version}::int, ${p.language}, ${p.verificationCode}, ${p.verificationCodeHash},
              jsonb_build_object('awardNumber', ${from}.number) || ${p.content}::jsonb
         FROM ${from}`;
}

/**
 * The current letter of the award row `award` (an SQL alias with `id` and `letter_version`): the
 * first made of its version, in the award's own language, as json for `letterSummaryFromJson`;
 * null while there is none.
 */
export function currentLetterSummaryJson(award: string): string {
  return `(SELECT json_build_object('id', l.id, 'version', l.version, 'language', l.language, 'status', l.status,
                                   'verificationCode', l.verification_code, 'sha256', l.sha256, 'sizeBytes', l.size_bytes,
                                   'issuedAt', l.issued_at, 'amendmentReason', l.content->'amendment'->>'reason', 'createdAt', l.created_at)
             FROM award_letter l WHERE l.award_id = ${award}.id AND l.version = ${award}.letter_version
            ORDER BY l.created_at, l.id LIMIT 1)`;
}
