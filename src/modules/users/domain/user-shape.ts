import type { FieldProblem } from '../../../common/errors/domain-error.js';
import type { Role } from '../../../common/auth/auth-user.js';

/**
 * What each role's account must look like: an ngo user belongs to exactly one organisation and has no
 * countries; an officer has at least one country and may be a member of an organisation (which the
 * four-eyes rule needs to know); the other roles belong to neither.
 */
export function checkUserShape(role: Role, organisationId: string | null, countries: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (role === 'ngo') {
    if (!organisationId) problems.push({ field: 'organisationId', message: 'organisationId is required for ngo users' });
    if (countries.length) problems.push({ field: 'countries', message: 'ngo users have no countries: they see their organisation only' });
  } else if (role === 'officer') {
    if (!countries.length) problems.push({ field: 'countries', message: 'officers need at least one country' });
  } else {
    if (organisationId) problems.push({ field: 'organisationId', message: `${role} users do not belong to an organisation` });
    if (countries.length) problems.push({ field: 'countries', message: `${role} users see every country and take no countries` });
  }
  return problems;
}
