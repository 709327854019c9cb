import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * The one place that says which organisations' and countries' records a user may see. Services ask
 * it and answer 404 for anything out of scope, so existence is not revealed.
 */
/** Matches no organisation: an NGO account without one sees nothing. */
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class AccessService {
  /** Countries whose records the user may see; `null` means all. */
  countryScope(user: AuthUser): string[] | null {
    if (user.role === 'admin' || user.role === 'auditor' || user.role === 'finance') return null;
    return user.countries;
  }

  /**
   * The filter of a list of organisation records: an NGO user its own organisation's, everyone else
   * the countries of `countryScope` (null: all).
   */
  listScope(user: AuthUser): { organisationId?: string; countries: string[] | null } {
    if (user.role === 'ngo') return { organisationId: user.organisationId ?? NO_ORGANISATION, countries: null };
    return { countries: this.countryScope(user) };
  }

  /** May the user see records that belong to this organisation (in this country)? */
  canSeeOrganisationRecords(user: AuthUser, organisationId: string, country: string): boolean {
    switch (user.role) {
      case 'admin':
      case 'auditor':
        return true;
      case 'ngo':
        return user.organisationId === organisationId;
      case 'officer':
        return user.countries.includes(country);
      default:
        return false;
    }
  }

  /** Beneficiary PII: the owning NGO and admins only (admin reads are audited by the caller). */
  canSeeBeneficiaryPii(user: AuthUser, organisationId: string): boolean {
    return user.role === 'admin' || (user.role === 'ngo' && user.organisationId === organisationId);
  }

  canSeeCountry(user: AuthUser, country: string): boolean {
    const scope = this.countryScope(user);
    return scope === null || scope.includes(country);
  }
}
