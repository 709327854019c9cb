/**
 * What letters read of the award a letter is about. An `Award` has these fields; letters defines
 * the shape it needs instead of importing the awards module, which imports letters.
 */
export interface LetterSubject {
  id: string;
  number: string;
  applicationId: string;
  country: string;
  currency: string;
  amount: string;
  items: { type: string; description: string; amount: string }[];
  conditions: string | null;
  approvers: { officerId: string; at: string }[];
  language: string;
  /** The current letter version: 1 at approval, +1 per amendment. */
  letterVersion: number;
}
