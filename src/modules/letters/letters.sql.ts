// SQL of the letters module that other modules embed in their own statements: the first letter of
// an award inserted in the statement that numbers the award. Other modules import this file, never
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
