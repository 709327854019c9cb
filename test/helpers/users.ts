import type { Role } from '../../src/common/auth/auth-user.js';

/** One demo user of each role (the Kazakh officer and first NGO), for tests that call routes by role. */
export const USER_OF_ROLE: Record<Role, string> = {
  admin: 'admin@example.org',
  auditor: 'auditor@example.org',
  finance: 'finance@example.org',
  officer: 'officer.kz@example.org',
  ngo: 'ngo.kz@example.org',
};
