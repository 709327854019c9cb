import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { lockRow } from '../../common/database/row-lock.js';
import { pooledPreparedQuery, preparedQuery } from '../../common/database/prepared.js';
import type { Statement } from '../../common/database/transaction.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApplicationStatus } from './domain/application.types.js';
import { ApplicationDocument } from './entities/application-document.entity.js';
import { ApplicationMessage } from './entities/application-message.entity.js';
import { ApplicationEvent } from './entities/application-event.entity.js';
import { ApplicationItem } from './entities/application-item.entity.js';
import { Application } from './entities/application.entity.js';
import type { FundForRules } from '../eligibility/eligibility.service.js';
import type { FundRules } from '../eligibility/domain/fund-rules.js';
import { type ApplicationFacts, eligibilityFactsJson, eligibilityRunCtes } from '../eligibility/eligibility.sql.js';
import { EligibilityResult } from '../eligibility/entities/eligibility-result.entity.js';
import { EligibilityRun } from '../eligibility/entities/eligibility-run.entity.js';
import { EligibilityWaiver } from '../eligibility/entities/eligibility-waiver.entity.js';
import { normaliseMoney } from '../../common/money/money.js';
import { auditEventInsert, auditEventParam, type PreparedAuditEvent } from '../audit/audit.sql.js';
import { noticeInsert, organisationCaseWorkers } from '../notifications/notifications.sql.js';
import type { LetterFacts } from '../letters/letters.service.js';
import { applicationEventInsert, rowToApplication } from './applications.sql.js';
import { type CrossOrganisationMatch, crossOrganisationMatchFrom, crossOrganisationMatchJson } from '../beneficiaries/beneficiaries.sql.js';

function rowToItem(
  applicationId: string,
  r: { id: string; position: number; type: string; description: string; amount: string; approvedAmount: string | null },
): ApplicationItem {
  return Object.assign(new ApplicationItem(), { ...r, applicationId });
}

/** The fields a review step (claim to decision) writes on the application. */
const REVIEW_FIELDS = new Set<keyof Application>([
  'status',
  'infoRequestedAt',
  'claimedBy',
  'claimedAt',
  'decidedAt',
  'decidedBy',
  'decisionReasonCode',
  'decisionComment',
  'grossTurnaroundSeconds',
  'netTurnaroundSeconds',
  'firstApprovedBy',
  'firstApprovedAt',
  'conditions',
  'approvedTotal',
]);

/** The items of application `a` of the enclosing statement as a json array of `ItemRow`s, by position. */
const ITEMS_JSON = `COALESCE((SELECT json_agg(json_build_object('id', i.id, 'position', i.position, 'type', i.type, 'description', i.description,
                                                          'amount', i.amount::text, 'approvedAmount', i.approved_amount::text) ORDER BY i.position)
                          FROM application_item i WHERE i.application_id = a.id), '[]')`;

type ItemRow = { id: string; position: number; type: string; description: string; amount: string; approvedAmount: string | null };

/**
 * What an application's answer shows besides its row, as columns for `application a JOIN beneficiary b`:
 * the beneficiary's code, the items, the latest eligibility run with its results, the waivers, and,
 * when `cross` (SQL, boolean) holds, the same person at other organisations (`openStatuses` and
 * `now` are SQL too). `detailFromRow` reads them.
 */
function detailColumns(cross: string, openStatuses: string, now: string): string {
  return `b.code AS beneficiary_code,
              ${ITEMS_JSON} AS items_json,
              (SELECT json_build_object('id', r.id, 'outcome', r.outcome, 'evaluatedAt', r.evaluated_at,
                                        'results', COALESCE((SELECT json_agg(json_build_object('ruleCode', x.rule_code, 'outcome', x.outcome) ORDER BY x.position)
                                                               FROM eligibility_result x WHERE x.run_id = r.id), '[]'))
                 FROM eligibility_run r WHERE r.application_id = a.id ORDER BY r.evaluated_at DESC, r.id DESC LIMIT 1) AS run_json,
              COALESCE((SELECT json_agg(json_build_object('id', w.id, 'ruleCode', w.rule_code, 'reason', w.reason, 'createdBy', w.created_by,
                                                          'createdAt', w.created_at) ORDER BY w.created_at)
                          FROM eligibility_waiver w WHERE w.application_id = a.id), '[]') AS waivers_json,
              CASE WHEN ${cross}::boolean THEN ${crossOrganisationMatchJson(openStatuses, now)} END AS cross_json`;
}

/** The detail of `app` from a row with `detailColumns`. */
function detailFromRow(app: Application, r: Record<string, unknown>): ApplicationDetail {
  type RunRow = { id: string; outcome: EligibilityRun['outcome']; evaluatedAt: string; results: { ruleCode: string; outcome: string }[] };
  type WaiverRow = { id: string; ruleCode: string; reason: string; createdBy: string; createdAt: string };
  const run = r.run_json as RunRow | null;
  return {
    app,
    items: (r.items_json as ItemRow[]).map((item) => rowToItem(app.id, item)),
    beneficiaryCode: r.beneficiary_code as string,
    latestRun: run && {
      run: Object.assign(new EligibilityRun(), {
        id: run.id,
        applicationId: app.id,
        outcome: run.outcome,
        evaluatedAt: new Date(run.evaluatedAt),
      }),
      results: run.results.map((x) => Object.assign(new EligibilityResult(), { runId: run.id, ruleCode: x.ruleCode, outcome: x.outcome })),
    },
    waivers: (r.waivers_json as WaiverRow[]).map((w) =>
      Object.assign(new EligibilityWaiver(), { ...w, applicationId: app.id, createdAt: new Date(w.createdAt) }),
    ),
    crossOrganisationMatch: r.cross_json
      ? crossOrganisationMatchFrom(r.cross_json as { orgs: number; open: number; approved: number })
      : undefined,
  };
}

/**
 * What a review step reads once the application is locked (`ApplicationsRepository.reviewContext`):
 * its items, the beneficiary's encrypted data (to blank it out of comments), the fund's rules and
 * what an award letter names.
 */
export interface ReviewContext {
  /** The application's detail as it was locked (with the same person elsewhere): the answer's parts. */
  detail: ApplicationDetail;
  /** `detail.items` */
  items: ApplicationItem[];
  beneficiary: { id: string; piiEnc: string };
  fundRules: FundRules;
  /** What an award letter names besides the award (officer names: those asked for). */
  letter: LetterFacts;
}

/** An application as its detail answer shows it (`ApplicationsRepository.detail`). */
export interface ApplicationDetail {
  app: Application;
  items: ApplicationItem[];
  beneficiaryCode: string;
  latestRun: { run: EligibilityRun; results: EligibilityResult[] } | null;
  waivers: EligibilityWaiver[];
  crossOrganisationMatch?: CrossOrganisationMatch;
}

/** The fields an edit of a draft may change (`editWrite`), and their columns. */
export const EDITABLE = [
  'beneficiaryId',
  'fundId',
  'country',
  'currency',
  'urgency',
  'language',
  'justification',
  'stateSupport',
  'total',
] as const;
const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const EDITABLE_COLUMNS = EDITABLE.map(snakeCase);

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One application with everything its answer shows, in one prepared statement: the row, its
   * items, the beneficiary's code, the latest eligibility run with its results, the waivers, and,
   * with `crossMatch`, the same person at other organisations. Null when there is none.
   */
  async detail(id: string, crossMatch: { openStatuses: readonly string[]; now: Date } | null): Promise<ApplicationDetail | null> {
    const rows: Record<string, unknown>[] = await pooledPreparedQuery(
      this.dataSource,
      'ef_application_detail',
      `SELECT a.*, ${detailColumns('$2', '$3', '$4')}
         FROM application a JOIN beneficiary b ON b.id = a.beneficiary_id
        WHERE a.id = $1`,
      [id, crossMatch !== null, crossMatch?.openStatuses ?? [], crossMatch?.now ?? new Date(0)],
    );
    return rows[0] ? detailFromRow(rowToApplication(rows[0]), rows[0]) : null;
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Application | null> {
    return manager.getRepository(Application).findOneBy({ id });
  }

  /** Every change of an application holds this lock (see lockRow). */
  lockById(manager: EntityManager, id: string): Promise<Application | null> {
    return lockRow(manager, Application, id);
  }

  /** The encrypted personal data of an application's beneficiary (for redaction), or null. */
  async beneficiaryPii(manager: EntityManager, applicationId: string): Promise<{ id: string; piiEnc: string } | null> {
    const rows: { id: string; pii_enc: string }[] = await preparedQuery(
      manager,
      'ef_application_beneficiary_pii',
      'SELECT b.id, b.pii_enc FROM application a JOIN beneficiary b ON b.id = a.beneficiary_id WHERE a.id = $1',
      [applicationId],
    );
    return rows[0] ? { id: rows[0].id, piiEnc: rows[0].pii_enc } : null;
  }

  /** `lockById` as a statement of its own, to send with a BEGIN (`Transactions.runCommittingWith`): review steps and edits. */
  lockStatement(id: string): Statement {
    return { text: 'SELECT * FROM application WHERE id = $1::uuid FOR NO KEY UPDATE', values: [id] };
  }

  /** The application `lockStatement` locked, or null when there is none. */
  lockedRow(rows: Record<string, unknown>[]): Application | null {
    return rows[0] ? rowToApplication(rows[0]) : null;
  }

  /**
   * What an edit reads once the application is locked, in one prepared statement: its items as they
   * are, and the encrypted personal data of `beneficiaryIds` registered by its organisation (the
   * application's own beneficiary, and the one it is moved to; one missing there is not the NGO's).
   */
  async editContext(
    manager: EntityManager,
    app: Application,
    beneficiaryIds: string[],
  ): Promise<{ items: { type: string; description: string; amount: string }[]; people: Map<string, { id: string; piiEnc: string }> }> {
    const rows: { items: { type: string; description: string; amount: string }[]; people: { id: string; piiEnc: string }[] }[] =
      await preparedQuery(
        manager,
        'ef_edit_context',
        `SELECT COALESCE((SELECT json_agg(json_build_object('type', i.type, 'description', i.description, 'amount', i.amount::text) ORDER BY i.position)
                            FROM application_item i WHERE i.application_id = $1), '[]') AS items,
                COALESCE((SELECT json_agg(json_build_object('id', b.id, 'piiEnc', b.pii_enc))
                            FROM beneficiary b WHERE b.id = ANY($2::uuid[]) AND b.organisation_id = $3), '[]') AS people`,
        [app.id, beneficiaryIds, app.organisationId],
      );
    return { items: rows[0].items, people: new Map(rows[0].people.map((p) => [p.id, p])) };
  }

  /**
   * An edit's writes as one statement, to send with the COMMIT: the items replaced when `items` is
   * given, the changed fields (the others kept: `jsonb_populate_record` over the row itself), the
   * version moved on, the history event and the audit event.
   */
  editWrite(
    app: Application,
    changes: Partial<Pick<Application, (typeof EDITABLE)[number]>>,
    items: { type: string; description: string; amount: string }[] | null,
    actor: { id: string; role: string },
    audit: PreparedAuditEvent,
  ): Statement {
    const columns = Object.fromEntries(Object.entries(changes).map(([field, value]) => [snakeCase(field), value]));
    return {
      text: `WITH del AS (DELETE FROM application_item WHERE application_id = $1::uuid AND $2::jsonb IS NOT NULL),
             ins AS (INSERT INTO application_item (application_id, position, type, description, amount)
                     SELECT $1::uuid, i.position, i.type, i.description, i.amount
                       FROM jsonb_to_recordset($2::jsonb) AS i(position int, type text, description text, amount numeric)),
             upd AS (UPDATE application a
                        SET (${EDITABLE_COLUMNS.join(', ')}) = (SELECT ${EDITABLE_COLUMNS.map((c) => `r.${c}`).join(', ')}
                                                                FROM jsonb_populate_record(a, $3::jsonb) r),
                            version = a.version + 1, updated_at = now()
                      WHERE a.id = $1::uuid
                      RETURNING a.id),
             ev AS (${applicationEventInsert('upd', { action: "'edit'", fromStatus: '$4', toStatus: '$4', comment: 'NULL', actorId: '$5::uuid', actorRole: '$6' })}),
             audit AS (${auditEventInsert('$7')})
             SELECT id FROM upd`,
      values: [
        app.id,
        items && JSON.stringify(items.map((item, position) => ({ ...item, position }))),
        JSON.stringify(columns),
        app.status,
        actor.id,
        actor.role,
        auditEventParam(audit),
      ],
    };
  }

  /**
   * A review step's reads, in one prepared statement run after `lockForReview` (its own snapshot, so
   * a second approver who waited for the first sees the amounts the first granted): see
   * `ReviewContext`; `officerIds` are the officers whose names a letter would show.
   */
  async reviewContext(
    manager: EntityManager,
    app: Application,
    officerIds: string[],
    crossMatch: { openStatuses: readonly string[]; now: Date },
  ): Promise<ReviewContext> {
    const [r]: Record<string, unknown>[] = await preparedQuery(
      manager,
      'ef_review_context',
      `SELECT ${detailColumns('true', '$3', '$4')}, b.pii_enc, a.reference, f.rules, f.name AS fund_name,
              o.name AS organisation_name, o.address AS organisation_address,
              COALESCE((SELECT json_object_agg(u.id, u.full_name) FROM app_user u WHERE u.id = ANY($2::uuid[])), '{}') AS officer_names
         FROM application a
         JOIN beneficiary b ON b.id = a.beneficiary_id
         JOIN fund f ON f.id = a.fund_id
         JOIN organisation o ON o.id = a.organisation_id
        WHERE a.id = $1`,
      [app.id, officerIds, crossMatch.openStatuses, crossMatch.now],
    );
    const detail = detailFromRow(app, r);
    return {
      detail,
      items: detail.items,
      beneficiary: { id: app.beneficiaryId, piiEnc: r.pii_enc as string },
      fundRules: r.rules as FundRules,
      letter: {
        organisationName: r.organisation_name as string,
        organisationAddress: r.organisation_address as string | null,
        fundName: r.fund_name as string,
        beneficiaryCode: r.beneficiary_code as string,
        applicationReference: r.reference as string,
        officerNames: new Map(Object.entries(r.officer_names as Record<string, string>)),
      },
    };
  }

  /**
   * Creates a draft in one statement, so it needs no transaction: finds the beneficiary (only if it
   * belongs to the organisation) and the fund named — or, without one, the open fund of the
   * organisation's country today — then inserts the draft, its items, its first history event and
   * its audit event (whose snapshot is built from the inserted row). Nothing is inserted when the
   * beneficiary or the fund is not found; `found` then says which.
   */
  async createDraft(
    manager: EntityManager,
    args: {
      id: string;
      organisationId: string;
      beneficiaryId: string;
      fundId: string | null;
      today: string;
      urgency: string;
      language: string;
      justification: string | null;
      stateSupport: Application['stateSupport'];
      total: string;
      createdBy: string;
      items: { type: string; description: string; amount: string }[];
      actor: { id: string; role: string };
      audit: PreparedAuditEvent;
      /** the items as the audit snapshot keeps them (descriptions blanked) */
      auditItems: { type: string; description: string; amount: string }[];
    },
  ): Promise<{
    found: { beneficiaryCode: string; organisationCountry: string } | null;
    app: Application | null;
    items: ApplicationItem[];
  }> {
    const rows: Record<string, unknown>[] = await preparedQuery(
      manager,
      'ef_create_draft',
      `WITH l AS (
         SELECT b.code AS l_code, o.country AS l_organisation_country, f.id AS l_fund_id, f.country AS l_fund_country, f.currency AS l_fund_currency
           FROM beneficiary b JOIN organisation o ON o.id = b.organisation_id
           LEFT JOIN LATERAL (
             SELECT id, country, currency FROM fund
              WHERE CASE WHEN $4::uuid IS NOT NULL THEN id = $4::uuid
                         ELSE country = o.country AND status = 'open' AND period_start <= $5::date AND period_end >= $5::date END
              ORDER BY period_start DESC LIMIT 1) f ON true
          WHERE b.id = $3 AND b.organisation_id = $2),
       app AS (
         INSERT INTO application (id, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, justification,
                                  state_support, total, created_by, version)
         SELECT $1, $2, $3, l.l_fund_id, l.l_fund_country, l.l_fund_currency, 'draft', $6, $7, $8, $9::jsonb, $10, $11, 1
           FROM l WHERE l.l_fund_id IS NOT NULL
         RETURNING *),
       items AS (
         INSERT INTO application_item (application_id, position, type, description, amount)
         SELECT app.id, i.position, i.type, i.description, i.amount
           FROM app, jsonb_to_recordset($12::jsonb) AS i(position int, type text, description text, amount numeric)
         RETURNING id, position),
       event AS (
         INSERT INTO application_event (application_id, action, from_status, to_status, actor_id, actor_role)
         SELECT app.id, 'create', NULL, 'draft', $13, $14 FROM app),
       audit AS (${auditEventInsert('$15', {
         from: 'app',
         entityId: 'app.id',
         after: `jsonb_build_object('status', app.status, 'fundId', app.fund_id, 'beneficiaryId', app.beneficiary_id, 'urgency', app.urgency,
                  'language', app.language, 'total', app.total::text, 'items', $16::jsonb, 'stateSupport', app.state_support, 'version', app.version)`,
       })})
       SELECT l.*, app.*, (SELECT json_agg(json_build_object('id', items.id, 'position', items.position)) FROM items) AS item_ids
         FROM l LEFT JOIN app ON true`,
      [
        args.id,
        args.organisationId,
        args.beneficiaryId,
        args.fundId,
        args.today,
        args.urgency,
        args.language,
        args.justification,
        args.stateSupport === null ? null : JSON.stringify(args.stateSupport),
        args.total,
        args.createdBy,
        JSON.stringify(args.items.map((item, position) => ({ ...item, position }))),
        args.actor.id,
        args.actor.role,
        auditEventParam(args.audit),
        JSON.stringify(args.auditItems.map((i) => ({ type: i.type, description: i.description, amount: normaliseMoney(i.amount) }))),
      ],
    );
    const row = rows[0];
    if (!row) return { found: null, app: null, items: [] };
    const found = { beneficiaryCode: row.l_code as string, organisationCountry: row.l_organisation_country as string };
    if (!row.id) return { found, app: null, items: [] };
    const ids = new Map((row.item_ids as { id: string; position: number }[]).map((i) => [i.position, i.id]));
    const app = rowToApplication(row);
    return {
      found,
      app,
      items: args.items.map((i, position) => rowToItem(app.id, { id: ids.get(position)!, position, ...i, approvedAmount: null })),
    };
  }

  /**
   * Reads the application with its items, the fund's rules and every fact the rules need (as of
   * `now`), in one round trip: what a submission evaluates. No lock: `writeSubmission` applies only if the version is still the one read.
   */
  async readForSubmission(
    manager: EntityManager,
    id: string,
    facts: { openStatuses: readonly string[]; now: Date },
  ): Promise<{ app: Application; items: ApplicationItem[]; fund: FundForRules; facts: ApplicationFacts | null } | null> {
    const rows: Record<string, unknown>[] = await preparedQuery(
      manager,
      'ef_read_for_submission',
      `SELECT a.*,
              COALESCE((SELECT json_agg(json_build_object('id', i.id, 'position', i.position, 'type', i.type, 'description', i.description,
                                                         'amount', i.amount::text, 'approvedAmount', i.approved_amount::text) ORDER BY i.position)
                          FROM application_item i WHERE i.application_id = a.id), '[]') AS items_json,
              json_build_object('id', f.id, 'status', f.status, 'country', f.country, 'currency', f.currency,
                                'periodStart', f.period_start, 'periodEnd', f.period_end, 'rules', f.rules) AS fund_json,
              ${eligibilityFactsJson('a', '$2', '$3')} AS facts_json
         FROM application a JOIN fund f ON f.id = a.fund_id
        WHERE a.id = $1`,
      [id, facts.openStatuses, facts.now],
    );
    const row = rows[0];
    if (!row) return null;
    const app = rowToApplication(row);
    return {
      app,
      items: (row.items_json as Parameters<typeof rowToItem>[1][]).map((i) => rowToItem(app.id, i)),
      fund: row.fund_json as FundForRules,
      facts: row.facts_json as ApplicationFacts | null,
    };
  }

  /**
   * Records a submission in one statement, so it needs no transaction and holds no lock between round
   * trips. It applies only if the application still has the version and status that were evaluated
   * (optimistic locking); otherwise the statement fails with SQLSTATE 40001 and nothing is written. On a first submission the
   * reference comes from `next_application_reference`, called for the updated row only, so numbers
   * stay gapless. The statement also stores the eligibility run with its results, the history event
   * and the audit event (whose after-snapshot is built from the updated row, reference included).
   */
  async writeSubmission(
    manager: EntityManager,
    app: Application,
    change: {
      status: ApplicationStatus;
      at: Date;
      slaDueAt: Date;
      pausedSeconds: number;
      action: string;
      comment: string | null;
      actor: { id: string; role: string };
    },
    eligibilityRun: string,
    audit: { event: PreparedAuditEvent; eligibilityRunId: string; failures: string[] },
  ): Promise<Application> {
    const rows: Record<string, unknown>[] = await preparedQuery(
      manager,
      'ef_write_submission',
      `WITH upd AS (
         UPDATE application
            SET status = $4, first_submitted_at = COALESCE(first_submitted_at, $5), last_submitted_at = $5, sla_due_at = $15,
                paused_seconds = $16, info_requested_at = NULL,
                reference = COALESCE(reference, next_application_reference(country, $6)),
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = $3 RETURNING *),
       ${eligibilityRunCtes('$7', 'upd')},
       event AS (
         INSERT INTO application_event (application_id, action, from_status, to_status, comment, actor_id, actor_role)
         SELECT id, $8, $3, $4, $9, $10, $11 FROM upd),
       audit AS (${auditEventInsert('$12', {
         from: 'upd',
         after: `jsonb_build_object('status', upd.status, 'reference', upd.reference, 'eligibilityRunId', $13::text, 'failures', $14::jsonb)`,
       })})
       -- no row updated: fail the whole statement, so nothing it did stays (not even a reference
       -- number drawn for a row that a concurrent submission changed between scan and update)
       SELECT u.* FROM (SELECT 1) one LEFT JOIN upd u ON true
        WHERE CASE WHEN u.id IS NULL THEN raise_concurrent_change('the application') ELSE true END`,
      [
        app.id,
        app.version,
        app.status,
        change.status,
        change.at,
        change.at.getUTCFullYear(),
        eligibilityRun,
        change.action,
        change.comment,
        change.actor.id,
        change.actor.role,
        auditEventParam(audit.event),
        audit.eligibilityRunId,
        JSON.stringify(audit.failures),
        change.slaDueAt,
        change.pausedSeconds,
      ],
    );
    return rowToApplication(rows[0]);
  }

  /**
   * Writes the changed fields of a locked application in one UPDATE (TypeORM bumps `version` and
   * `updated_at`) and copies the new version and time onto the entity.
   */
  async update(manager: EntityManager, app: Application, fields: Partial<Application>): Promise<Application> {
    const result = await manager
      .createQueryBuilder()
      .update(Application)
      .set(fields as never)
      .where('id = :id', { id: app.id })
      .returning('version, updated_at')
      .execute();
    const row = (result.raw as { version: number; updated_at: Date }[])[0];
    return Object.assign(app, fields, { version: row.version, updatedAt: row.updated_at });
  }

  /**
   * A review step's writes in one statement: the decided fields (the version moves), the items'
   * approved amounts when given, the history event, and the notice to the organisation's case
   * workers when given. `fields` are the decision's own
   * (`REVIEW_FIELDS`); returns the application as written.
   */
  async writeReviewStep(
    manager: EntityManager,
    app: Application,
    fields: Partial<Application>,
    event: { action: string; comment: string | null; actorId: string; actorRole: string },
    approvedAmounts: { id: string; amount: string }[] | undefined,
    notice: { kind: string; text: string } | null,
  ): Promise<Application> {
    const keys = Object.keys(fields).sort() as (keyof Application)[];
    const columns = keys.map((k) => {
      if (!REVIEW_FIELDS.has(k)) throw new Error(`not a review field: ${k}`);
      return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    });
    const set = columns.map((c, n) => `${c} = $${n + 11}`).join(', ');
    const [row]: { version: number; updated_at: Date }[] = await preparedQuery(
      manager,
      `ef_review_step_${createHash('sha256').update(set).digest('hex').slice(0, 16)}`,
      `WITH items AS (
         UPDATE application_item i SET approved_amount = x.amount
           FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, amount numeric)
          WHERE i.application_id = $1 AND i.id = x.id),
       upd AS (UPDATE application SET ${set}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id, status, version, updated_at),
       event AS (${applicationEventInsert('upd', { action: '$3', fromStatus: '$4', toStatus: 'upd.status', comment: '$5', actorId: '$6::uuid', actorRole: '$7' })}),
       notice AS (${noticeInsert(`$8::varchar IS NOT NULL AND ${organisationCaseWorkers('$10')}`, { kind: '$8', applicationId: '$1', text: '$9', dedupeKey: 'NULL' })})
       SELECT version, updated_at FROM upd`,
      [
        app.id,
        approvedAmounts ? JSON.stringify(approvedAmounts) : null,
        event.action,
        app.status,
        event.comment,
        event.actorId,
        event.actorRole,
        notice?.kind ?? null,
        notice?.text ?? null,
        app.organisationId,
        ...keys.map((k) => fields[k]),
      ],
    );
    return Object.assign(app, fields, { version: row.version, updatedAt: row.updated_at });
  }

  itemsOf(applicationIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ApplicationItem[]> {
    if (!applicationIds.length) return Promise.resolve([]);
    return manager
      .getRepository(ApplicationItem)
      .createQueryBuilder('i')
      .where('i.applicationId IN (:...ids)', { ids: applicationIds })
      .orderBy('i.position')
      .getMany();
  }

  async addEvent(
    manager: EntityManager,
    event: {
      applicationId: string;
      action: string;
      fromStatus: ApplicationStatus | null;
      toStatus: ApplicationStatus;
      comment?: string | null;
      actorId: string | null;
      actorRole: string | null;
    },
  ): Promise<void> {
    const repo = manager.getRepository(ApplicationEvent);
    await repo.save(repo.create({ ...event, comment: event.comment ?? null }));
  }

  events(applicationId: string): Promise<ApplicationEvent[]> {
    return this.dataSource.getRepository(ApplicationEvent).find({ where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async beneficiaryCodes(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; code: string }[] = await this.dataSource.query(
      'SELECT id, code FROM beneficiary WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  listQuery(filter: {
    organisationId?: string;
    countries: string[] | null;
    status?: string;
    country?: string;
    fundId?: string;
    beneficiaryId?: string;
  }) {
    const qb = this.dataSource.getRepository(Application).createQueryBuilder('a');
    if (filter.organisationId) qb.andWhere('a.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.countries) qb.andWhere('a.country = ANY(:countries)', { countries: filter.countries });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.country) qb.andWhere('a.country = :country', { country: filter.country });
    if (filter.fundId) qb.andWhere('a.fundId = :fundId', { fundId: filter.fundId });
    if (filter.beneficiaryId) qb.andWhere('a.beneficiaryId = :beneficiaryId', { beneficiaryId: filter.beneficiaryId });
    return qb;
  }

  insertMessage(
    manager: EntityManager,
    message: Pick<ApplicationMessage, 'id' | 'applicationId' | 'authorId' | 'authorRole' | 'bodyEnc'>,
  ): Promise<ApplicationMessage> {
    const repo = manager.getRepository(ApplicationMessage);
    return repo.save(repo.create(message));
  }

  messagesOf(applicationId: string): Promise<ApplicationMessage[]> {
    return this.dataSource.getRepository(ApplicationMessage).find({ where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  insertDocument(manager: EntityManager, document: Omit<ApplicationDocument, 'id' | 'createdAt'>): Promise<ApplicationDocument> {
    const repo = manager.getRepository(ApplicationDocument);
    return repo.save(repo.create(document));
  }

  /** Call with the application locked (`lockById`): the lock is what keeps two uploads from both passing a limit. */
  async countDocuments(manager: EntityManager, applicationId: string): Promise<number> {
    return manager.getRepository(ApplicationDocument).countBy({ applicationId });
  }

  documentsOf(applicationId: string): Promise<ApplicationDocument[]> {
    return this.dataSource.getRepository(ApplicationDocument).find({ where: { applicationId }, order: { createdAt: 'ASC' } });
  }

  findDocument(applicationId: string, documentId: string): Promise<ApplicationDocument | null> {
    return this.dataSource.getRepository(ApplicationDocument).findOneBy({ id: documentId, applicationId });
  }
}
