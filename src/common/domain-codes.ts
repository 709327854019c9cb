/** Fixed codes of the domain (SPEC section 3); labels are for display only. */
export const CATEGORIES = ['VOT', 'VM', 'OTHER'] as const;
export type Category = (typeof CATEGORIES)[number];

export const FLAGS = [
  'foreign',
  'repatriate',
  'reentry_ban',
  'stranded',
  'undocumented',
  'gbv_survivor',
  'disability',
  'pregnant',
  'with_children',
] as const;
export type Flag = (typeof FLAGS)[number];

export const SEXES = ['female', 'male', 'other', 'undisclosed'] as const;
export type Sex = (typeof SEXES)[number];

export const ASSISTANCE_TYPES = [
  'legal',
  'documents',
  'medical',
  'psychosocial',
  'social',
  'shelter',
  'repatriation',
  'business_startup',
  'vocational_training',
  'other',
] as const;
export type AssistanceType = (typeof ASSISTANCE_TYPES)[number];
