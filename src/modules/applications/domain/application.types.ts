export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'ineligible',
  'in_review',
  'info_requested',
  'pending_second_approval',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const URGENCIES = ['urgent', 'standard'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const LETTER_LANGUAGES = ['en', 'ru', 'kk', 'ky', 'tg', 'uz'] as const;

export const STATE_SUPPORT_OUTCOMES = ['refused', 'partial', 'no_response', 'not_applicable'] as const;
export type StateSupportOutcome = (typeof STATE_SUPPORT_OUTCOMES)[number];

/** "State support first": what the NGO asked of the State before asking the fund. */
export interface StateSupport {
  requested: boolean;
  agency: string | null;
  requestedOn: string | null;
  outcome: StateSupportOutcome;
  note: string | null;
}

export const DOCUMENT_KINDS = ['cost_estimate', 'quote', 'invoice', 'certificate', 'other'] as const;
