import { StoredFile } from '../common/storage/stored-file.entity.js';
import { ApplicationDocument } from '../modules/applications/entities/application-document.entity.js';
import { ApplicationMessage } from '../modules/applications/entities/application-message.entity.js';
import { ApplicationEvent } from '../modules/applications/entities/application-event.entity.js';
import { ApplicationItem } from '../modules/applications/entities/application-item.entity.js';
import { Application } from '../modules/applications/entities/application.entity.js';
import { ReferenceCounter } from '../modules/applications/entities/reference-counter.entity.js';
import { EligibilityResult } from '../modules/eligibility/entities/eligibility-result.entity.js';
import { EligibilityRun } from '../modules/eligibility/entities/eligibility-run.entity.js';
import { EligibilityWaiver } from '../modules/eligibility/entities/eligibility-waiver.entity.js';
import { AuditChainHead } from '../modules/audit/entities/audit-chain-head.entity.js';
import { Notification } from '../modules/notifications/entities/notification.entity.js';
import { Disbursement } from '../modules/disbursements/entities/disbursement.entity.js';
import { FollowUp } from '../modules/follow-ups/entities/follow-up.entity.js';
import { BankStatement } from '../modules/reconciliation/entities/bank-statement.entity.js';
import { BankStatementLine } from '../modules/reconciliation/entities/bank-statement-line.entity.js';
import { PaymentBatch } from '../modules/payment-batches/entities/payment-batch.entity.js';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity.js';
import { AwardLetter } from '../modules/letters/entities/award-letter.entity.js';
import { Award } from '../modules/awards/entities/award.entity.js';
import { AwardShareLink } from '../modules/awards/entities/award-share-link.entity.js';
import { AuditEvent } from '../modules/audit/entities/audit-event.entity.js';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity.js';
import { Beneficiary } from '../modules/beneficiaries/entities/beneficiary.entity.js';
import { FundLedgerEntry } from '../modules/funds/entities/fund-ledger-entry.entity.js';
import { Fund } from '../modules/funds/entities/fund.entity.js';
import { FxRate } from '../modules/fx-rates/entities/fx-rate.entity.js';
import { Organisation } from '../modules/organisations/entities/organisation.entity.js';
import { User } from '../modules/users/entities/user.entity.js';

/** Every entity, listed once for the app, the migration CLI and the tests. */
export const ENTITIES = [
  Organisation,
  User,
  RefreshToken,
  Fund,
  FundLedgerEntry,
  FxRate,
  Beneficiary,
  AuditEvent,
  AuditChainHead,
  Application,
  ApplicationItem,
  ApplicationEvent,
  ApplicationDocument,
  ApplicationMessage,
  ReferenceCounter,
  EligibilityRun,
  EligibilityResult,
  EligibilityWaiver,
  StoredFile,
  Notification,
  Award,
  AwardLetter,
  AwardShareLink,
  Disbursement,
  IdempotencyKey,
  PaymentBatch,
  BankStatement,
  BankStatementLine,
  FollowUp,
];
