import { AuditEvent } from '../modules/audit/entities/audit-event.entity.js';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity.js';
import { Beneficiary } from '../modules/beneficiaries/entities/beneficiary.entity.js';
import { FundLedgerEntry } from '../modules/funds/entities/fund-ledger-entry.entity.js';
import { Fund } from '../modules/funds/entities/fund.entity.js';
import { FxRate } from '../modules/fx-rates/entities/fx-rate.entity.js';
import { Organisation } from '../modules/organisations/entities/organisation.entity.js';
import { User } from '../modules/users/entities/user.entity.js';

/** Every entity, listed once for the app, the migration CLI and the tests. */
export const ENTITIES = [Organisation, User, RefreshToken, Fund, FundLedgerEntry, FxRate, Beneficiary, AuditEvent];
