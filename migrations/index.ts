import type { MigrationInterface } from 'typeorm';
import { Initial1795424628207 } from './1795424628207-Initial.js';
import { AppendOnlyTables1795424700000 } from './1795424700000-AppendOnlyTables.js';
import { Applications1795426247867 } from './1795426247867-Applications.js';
import { BenchProbe1795426406678 } from './1795426406678-BenchProbe.js';
import { AuditChainHeads1795427317938 } from './1795427317938-AuditChainHeads.js';
import { ReviewClaims1795431136567 } from './1795431136567-ReviewClaims.js';
import { Decisions1795431500140 } from './1795431500140-Decisions.js';
import { Messages1795431860443 } from './1795431860443-Messages.js';
import { Notifications1795432010514 } from './1795432010514-Notifications.js';
import { SlaBreaches1795432166538 } from './1795432166538-SlaBreaches.js';
import { QueueIndex1795432400000 } from './1795432400000-QueueIndex.js';
import { Awards1795432781059 } from './1795432781059-Awards.js';
import { Letters1796125273672 } from './1796125273672-Letters.js';
import { Disbursements1796126979227 } from './1796126979227-Disbursements.js';
import { PaymentBatches1796127378453 } from './1796127378453-PaymentBatches.js';
import { BankStatements1796127779494 } from './1796127779494-BankStatements.js';
import { FollowUps1796131676539 } from './1796131676539-FollowUps.js';
import { DecidedBy1796133628716 } from './1796133628716-DecidedBy.js';
import { ReportColumns1796136219696 } from './1796136219696-ReportColumns.js';
import { NumbersPastTheirDigits1796140000000 } from './1796140000000-NumbersPastTheirDigits.js';
import { AuditChainBulkAppend1796140100000 } from './1796140100000-AuditChainBulkAppend.js';
import { PaidOn1796150029492 } from './1796150029492-PaidOn.js';
import { BatchExportedAt1796150500000 } from './1796150500000-BatchExportedAt.js';
import { DropBenchProbe1796160000000 } from './1796160000000-DropBenchProbe.js';
import { UserLanguage1796170000000 } from './1796170000000-UserLanguage.js';
import { ShareLinks1796409346244 } from './1796409346244-ShareLinks.js';
import { RequestCounters1796500000000 } from './1796500000000-RequestCounters.js';
import { VendorIbanEncrypted1796500000001 } from './1796500000001-VendorIbanEncrypted.js';
import { MessageBodiesEncrypted1796500000002 } from './1796500000002-MessageBodiesEncrypted.js';
import { FundAvailable1796600000000 } from './1796600000000-FundAvailable.js';
import { StatementRefusal1796700000000 } from './1796700000000-StatementRefusal.js';
import { SignedInUserNotices1796800000000 } from './1796800000000-SignedInUserNotices.js';

/** Every migration in order. A generated migration is added here by hand after review. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795424628207,
  AppendOnlyTables1795424700000,
  Applications1795426247867,
  BenchProbe1795426406678,
  AuditChainHeads1795427317938,
  ReviewClaims1795431136567,
  Decisions1795431500140,
  Messages1795431860443,
  Notifications1795432010514,
  SlaBreaches1795432166538,
  QueueIndex1795432400000,
  Awards1795432781059,
  Letters1796125273672,
  Disbursements1796126979227,
  PaymentBatches1796127378453,
  BankStatements1796127779494,
  FollowUps1796131676539,
  DecidedBy1796133628716,
  ReportColumns1796136219696,
  NumbersPastTheirDigits1796140000000,
  AuditChainBulkAppend1796140100000,
  PaidOn1796150029492,
  BatchExportedAt1796150500000,
  DropBenchProbe1796160000000,
  UserLanguage1796170000000,
  ShareLinks1796409346244,
  RequestCounters1796500000000,
  VendorIbanEncrypted1796500000001,
  MessageBodiesEncrypted1796500000002,
  FundAvailable1796600000000,
  StatementRefusal1796700000000,
  SignedInUserNotices1796800000000,
];
