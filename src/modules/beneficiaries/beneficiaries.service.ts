import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { AccessService } from '../../common/access/access.service.js';
import { Clock } from '../../common/clock/clock.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { FieldCipher, keyedHash } from '../../common/crypto/field-cipher.js';
import { type FieldProblem, invalid, notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { keysetPage, type Page } from '../../common/pagination/pagination.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { noOrganisation } from '../organisations/organisations.errors.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { BeneficiariesRepository } from './beneficiaries.repository.js';
import { generateBeneficiaryCode } from './domain/beneficiary-code.js';
import { personalDataRedactor } from './domain/redact.js';
import { normaliseDocumentNumber, personKey } from './domain/person-key.js';
import type {
  BeneficiaryPiiResponse,
  BeneficiaryQueryDto,
  BeneficiaryResponse,
  CreateBeneficiaryDto,
  UnusedRegistrationQueryDto,
  UnusedRegistrationResponse,
  UpdateBeneficiaryDto,
} from './dto/beneficiary.dto.js';
import type { Beneficiary } from './entities/beneficiary.entity.js';

/** The oldest a person can be: a date of birth further back is a typing mistake. */
const MAX_AGE_YEARS = 120;
const yearsBefore = (isoDay: string, years: number) => `${String(Number(isoDay.slice(0, 4)) - years).padStart(4, '0')}${isoDay.slice(4)}`;

/** What binds a person's encrypted data to their row. */
export const beneficiaryAad = (id: string) => `beneficiary:${id}`;
const aad = beneficiaryAad;

@Injectable()
export class BeneficiariesService {
  private readonly hashKey: Buffer;

  constructor(
    private readonly repository: BeneficiariesRepository,
    private readonly organisations: OrganisationsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.hashKey = config.piiHashKey;
  }

  async register(user: AuthUser, dto: CreateBeneficiaryDto): Promise<BeneficiaryResponse> {
    const organisation = user.organisationId ? await this.organisations.find(user.organisationId) : null;
    if (!organisation) throw noOrganisation();
    const problems = this.dateProblems(dto);
    if (problems.length) throw invalid(problems);

    const pii: BeneficiaryPiiResponse = {
      fullName: dto.fullName.trim(),
      dateOfBirth: dto.dateOfBirth,
      documentNumber: dto.documentNumber?.trim() || null,
      phone: dto.phone?.trim() || null,
      address: dto.address?.trim() || null,
    };
    const id = randomUUID();
    const fields = {
      id,
      organisationId: organisation.id,
      category: dto.category,
      flags: dto.flags ?? [],
      sex: dto.sex,
      birthYear: dto.birthYear,
      nationality: dto.nationality,
      piiEnc: this.cipher.encryptJson(pii, aad(id)),
      ...this.personHashes(pii),
      consentGivenAt: dto.consent.givenAt,
      consentMethod: dto.consent.method,
      createdBy: user.id,
    };
    // one statement: the row, the duplicate check and the audit event, or nothing on a code collision
    return this.transactions.singleStatement(async (m) => {
      for (let attempt = 0; ; attempt++) {
        const code = generateBeneficiaryCode(organisation.country);
        // the row as it will read, but for what the insert and the duplicate check give
        const row = { ...fields, code, version: 1, createdAt: new Date(0) } as Beneficiary;
        // the audit snapshot is the answer without the personal data; the statement adds those two
        const { possibleDuplicate: _, createdAt: __, ...after } = this.toResponse(row, false);
        const audit = this.audit.prepare({ action: 'beneficiary.create', entityType: 'beneficiary', entityId: id, after });
        const saved = await this.repository.register(m, row, audit);
        // the registering NGO learns only of its own organisation's registrations of the person (no oracle)
        if (saved) return this.toResponse({ ...row, createdAt: saved.createdAt, version: saved.version }, saved.possibleDuplicate, pii);
        if (attempt >= 10) throw new Error('Could not draw a free beneficiary code');
      }
    });
  }

  /**
   * The registering NGO corrects a mistake: only the fields given change. The PII is encrypted again
   * and the duplicate-person hashes are computed from the corrected data, so the duplicate check
   * follows it. Another organisation's beneficiary answers 404. The audit event names the fields
   * that changed, never their values.
   */
  async update(user: AuthUser, id: string, dto: UpdateBeneficiaryDto): Promise<BeneficiaryResponse> {
    return this.transactions.run(async (m) => {
      const b = await this.repository.lockById(m, id);
      if (!b || !user.organisationId || b.organisationId !== user.organisationId) throw notFound('Beneficiary');
      assertVersion(b.version, dto.version);
      const required = (['category', 'sex', 'birthYear', 'nationality', 'fullName', 'dateOfBirth', 'consent'] as const).filter(
        (f) => dto[f] === null,
      );
      if (required.length) throw invalid(required.map((f) => ({ field: f, message: `${f} cannot be removed, only corrected` })));
      const old = this.decrypt(b);
      const pii: BeneficiaryPiiResponse = {
        fullName: dto.fullName !== undefined ? dto.fullName.trim() : old.fullName,
        dateOfBirth: dto.dateOfBirth ?? old.dateOfBirth,
        documentNumber: dto.documentNumber !== undefined ? dto.documentNumber?.trim() || null : old.documentNumber,
        phone: dto.phone !== undefined ? dto.phone?.trim() || null : old.phone,
        address: dto.address !== undefined ? dto.address?.trim() || null : old.address,
      };
      const next = {
        category: dto.category ?? b.category,
        flags: dto.flags ?? b.flags,
        sex: dto.sex ?? b.sex,
        birthYear: dto.birthYear ?? b.birthYear,
        nationality: dto.nationality ?? b.nationality,
        consentGivenAt: dto.consent?.givenAt ?? b.consentGivenAt,
        consentMethod: dto.consent?.method ?? b.consentMethod,
      };
      const problems = this.dateProblems({
        dateOfBirth: pii.dateOfBirth,
        birthYear: next.birthYear,
        consent: { givenAt: next.consentGivenAt },
      });
      if (problems.length) throw invalid(problems);
      const changed = [
        ...(Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(b[k])),
        ...(Object.keys(pii) as (keyof BeneficiaryPiiResponse)[]).filter((k) => pii[k] !== old[k]),
      ];
      await this.repository.update(m, id, {
        ...next,
        piiEnc: this.cipher.encryptJson(pii, aad(id)),
        ...this.personHashes(pii),
      });
      const saved = (await this.repository.findById(id, m))!;
      const duplicates = await this.repository.withDuplicates([id], 'organisation', m);
      await this.audit.record(m, {
        action: 'beneficiary.update',
        entityType: 'beneficiary',
        entityId: id,
        before: { version: b.version },
        after: { version: saved.version, changed },
      });
      return this.toResponse(saved, duplicates.has(id), pii);
    });
  }

  /** NGO users see their own, with PII; officers their countries', others all — without PII in lists. */
  async list(user: AuthUser, query: BeneficiaryQueryDto): Promise<Page<BeneficiaryResponse>> {
    const own = user.role === 'ngo';
    const page = await keysetPage(this.repository.listQuery({ ...query, ...this.access.listScope(user) }), query);
    const duplicates = await this.repository.withDuplicates(
      page.items.map((b) => b.id),
      this.duplicateScope(user),
    );
    return {
      items: page.items.map((b) => this.toResponse(b, duplicates.has(b.id), own ? this.decrypt(b) : undefined)),
      nextCursor: page.nextCursor,
    };
  }

  /** One beneficiary; PII for the owning NGO and for admins, and each admin read is audited. */
  async get(user: AuthUser, id: string): Promise<BeneficiaryResponse> {
    const b = await this.repository.findById(id);
    const country = b ? await this.repository.organisationCountry(b.organisationId) : null;
    if (!b || !country || !this.access.canSeeOrganisationRecords(user, b.organisationId, country)) throw notFound('Beneficiary');
    const duplicates = await this.repository.withDuplicates([id], this.duplicateScope(user));
    if (!this.access.canSeeBeneficiaryPii(user, b.organisationId)) return this.toResponse(b, duplicates.has(id));
    if (user.role === 'admin') {
      await this.transactions.run((m) => this.audit.record(m, { action: 'beneficiary.pii_read', entityType: 'beneficiary', entityId: id }));
    }
    return this.toResponse(b, duplicates.has(id), this.decrypt(b));
  }

  /**
   * For free text that leaves the NGO (award items and conditions, hence letters and finance's
   * exports): blanks out this person's name, date of birth, document number and phone. A system
   * step, not a read by a person, so it is not audited as one.
   */
  async redactorFor(manager: EntityManager, beneficiaryId: string): Promise<(text: string) => string> {
    const b = await this.repository.piiById(manager, beneficiaryId);
    return b ? this.redactorOf(b) : (text) => text;
  }

  /** `redactorFor` of a beneficiary row another module's statement already read (its id and `pii_enc`). */
  redactorOf(b: Pick<Beneficiary, 'id' | 'piiEnc'>): (text: string) => string {
    return personalDataRedactor(this.decrypt(b));
  }

  /**
   * Registrations no application ever used, created more than `olderThanDays` days ago (by the app's
   * clock): what probing the duplicate-person check would leave behind. Who registered them and when;
   * no personal data, and no duplicate flag.
   */
  async unusedRegistrations(query: UnusedRegistrationQueryDto): Promise<Page<UnusedRegistrationResponse>> {
    const before = new Date(this.clock.now().getTime() - (query.olderThanDays ?? 30) * 86_400_000);
    const page = await keysetPage(this.repository.unusedQuery(before), query);
    const names = await this.repository.namesFor(
      [...new Set(page.items.map((b) => b.organisationId))],
      [...new Set(page.items.map((b) => b.createdBy).filter((u): u is string => !!u))],
    );
    return {
      items: page.items.map((b) => ({
        beneficiaryId: b.id,
        code: b.code,
        organisationId: b.organisationId,
        organisationName: names.organisations.get(b.organisationId) ?? '',
        createdBy: b.createdBy,
        createdByEmail: b.createdBy ? (names.users.get(b.createdBy) ?? null) : null,
        createdAt: b.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Whose registrations `possibleDuplicate` compares with: officers (their countries' records) and
   * admins see a match with any organisation in any country; NGO users, and everyone else, only a
   * match within the beneficiary's own organisation, so the flag is no oracle on other NGOs.
   */
  private duplicateScope(user: AuthUser): 'organisation' | 'anywhere' {
    return user.role === 'officer' || user.role === 'admin' ? 'anywhere' : 'organisation';
  }

  /** The keyed hashes the duplicate-person check compares: name and date of birth, and the document number. */
  private personHashes(pii: BeneficiaryPiiResponse): Pick<Beneficiary, 'personHash' | 'documentHash'> {
    return {
      personHash: keyedHash(this.hashKey, personKey(pii.fullName, pii.dateOfBirth)),
      documentHash: pii.documentNumber ? keyedHash(this.hashKey, `doc|${normaliseDocumentNumber(pii.documentNumber)}`) : null,
    };
  }

  private dateProblems(d: { dateOfBirth: string; birthYear: number; consent: { givenAt: string } }): FieldProblem[] {
    const today = this.clock.today();
    const problems: FieldProblem[] = [];
    if (d.dateOfBirth > today) problems.push({ field: 'dateOfBirth', message: 'dateOfBirth cannot be in the future' });
    else if (d.dateOfBirth < yearsBefore(today, MAX_AGE_YEARS))
      problems.push({ field: 'dateOfBirth', message: `dateOfBirth cannot be more than ${MAX_AGE_YEARS} years ago` });
    if (Number(d.dateOfBirth.slice(0, 4)) !== d.birthYear)
      problems.push({ field: 'birthYear', message: 'birthYear must be the year of dateOfBirth' });
    if (d.consent.givenAt > today) problems.push({ field: 'consent.givenAt', message: 'consent.givenAt cannot be in the future' });
    else if (d.consent.givenAt < d.dateOfBirth)
      problems.push({ field: 'consent.givenAt', message: 'consent.givenAt cannot be before dateOfBirth' });
    return problems;
  }

  private decrypt(b: Pick<Beneficiary, 'id' | 'piiEnc'>): BeneficiaryPiiResponse {
    return this.cipher.decryptJson<BeneficiaryPiiResponse>(b.piiEnc, aad(b.id));
  }

  private toResponse(b: Beneficiary, possibleDuplicate: boolean, pii?: BeneficiaryPiiResponse): BeneficiaryResponse {
    return {
      id: b.id,
      code: b.code,
      organisationId: b.organisationId,
      category: b.category,
      flags: b.flags,
      sex: b.sex,
      birthYear: b.birthYear,
      nationality: b.nationality,
      consent: { givenAt: b.consentGivenAt, method: b.consentMethod as BeneficiaryResponse['consent']['method'] },
      possibleDuplicate,
      ...(pii ? { pii } : {}),
      createdAt: b.createdAt.toISOString(),
      version: b.version,
    };
  }
}
