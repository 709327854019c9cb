export const ROLES = ['ngo', 'officer', 'finance', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, as the database has it now (`SignedInUsers` keeps it only until it changes). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  organisationId: string | null;
  /** Officers: their assigned countries. NGO users: their organisation's country. Others: none (they see all). */
  countries: string[];
}

export const STAFF_ROLES: Role[] = ['officer', 'finance', 'admin', 'auditor'];
export const ALL_ROLES: Role[] = [...ROLES];
