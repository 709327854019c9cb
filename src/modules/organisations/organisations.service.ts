import { SignedInUsers } from '../../common/auth/signed-in-users.js';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { keysetPage, mapPage, type Page, type PageQueryDto } from '../../common/pagination/pagination.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import type { BankAccountDto, CreateOrganisationDto, OrganisationResponse, UpdateOrganisationDto } from './dto/organisation.dto.js';
import type { Organisation } from './entities/organisation.entity.js';
import { duplicateRegistration } from './organisations.errors.js';
import { OrganisationsRepository } from './organisations.repository.js';

/** What binds an organisation's encrypted bank account to its row. */
export const organisationAad = (id: string) => `organisation:${id}`;
const aad = organisationAad;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly signedIn: SignedInUsers,
  ) {}

  async create(dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    return this.transactions.run(async (m) => {
      if (await this.repository.registrationTaken(m, dto.country, dto.registrationNumber)) throw duplicateRegistration(dto.country);
      const id = randomUUID();
      const org = this.repository.create(m, {
        id,
        name: dto.name.trim(),
        country: dto.country,
        registrationNumber: dto.registrationNumber.trim(),
        contactEmail: dto.contactEmail,
        address: dto.address ?? null,
        bankAccountEnc: dto.bankAccount ? this.cipher.encryptJson(dto.bankAccount, aad(id)) : null,
        status: 'active',
      });
      const saved = await this.repository.save(m, org);
      const response = this.toResponse(saved);
      await this.audit.record(m, { action: 'organisation.create', entityType: 'organisation', entityId: id, after: response });
      return response;
    });
  }

  async list(query: PageQueryDto & { country?: string; status?: string }): Promise<Page<OrganisationResponse>> {
    return mapPage(await keysetPage(this.repository.listQuery(query), query), (o) => this.toResponse(o));
  }

  async get(id: string): Promise<OrganisationResponse> {
    const org = await this.repository.findById(id);
    if (!org) throw notFound('Organisation');
    return this.toResponse(org);
  }

  /** For other modules: the organisation entity or null. */
  find(id: string): Promise<Organisation | null> {
    return this.repository.findById(id);
  }

  async update(id: string, dto: UpdateOrganisationDto): Promise<OrganisationResponse> {
    const answer = await this.transactions.run(async (m) => {
      const org = await this.repository.lockById(m, id);
      if (!org) throw notFound('Organisation');
      assertVersion(org.version, dto.version);
      const before = this.toResponse(org);
      const country = dto.country ?? org.country;
      const registrationNumber = dto.registrationNumber?.trim() ?? org.registrationNumber;
      if ((dto.country || dto.registrationNumber) && (await this.repository.registrationTaken(m, country, registrationNumber, id))) {
        throw duplicateRegistration(country);
      }
      if (dto.name !== undefined) org.name = dto.name.trim();
      org.country = country;
      org.registrationNumber = registrationNumber;
      if (dto.contactEmail !== undefined) org.contactEmail = dto.contactEmail;
      if (dto.address !== undefined) org.address = dto.address;
      if (dto.status !== undefined) org.status = dto.status;
      if (dto.bankAccount !== undefined) org.bankAccountEnc = this.cipher.encryptJson(dto.bankAccount, aad(id));
      const saved = await this.repository.save(m, org);
      const after = this.toResponse(saved);
      await this.audit.record(m, { action: 'organisation.update', entityType: 'organisation', entityId: id, before, after });
      return after;
    });
    // its users' countries come from it: this instance's next requests see the change at once
    this.signedIn.forgetAll();
    return answer;
  }

  /** Name and bank account of NGOs, for finance's payments (bank accounts are not beneficiary data). */
  async payoutAccounts(ids: string[]): Promise<Map<string, { name: string; account: BankAccountDto | null }>> {
    const orgs = await this.repository.findByIds([...new Set(ids)]);
    return new Map(orgs.map((o) => [o.id, this.payoutAccount(o)]));
  }

  /** An organisation's name and the bank account on file (decrypted), from its row (or as another module's statement read it). */
  payoutAccount(o: Pick<Organisation, 'id' | 'name' | 'bankAccountEnc'>): { name: string; account: BankAccountDto | null } {
    return { name: o.name, account: o.bankAccountEnc ? this.cipher.decryptJson<BankAccountDto>(o.bankAccountEnc, aad(o.id)) : null };
  }

  toResponse(o: Organisation): OrganisationResponse {
    return {
      id: o.id,
      name: o.name,
      country: o.country,
      registrationNumber: o.registrationNumber,
      contactEmail: o.contactEmail,
      address: o.address,
      bankAccount: o.bankAccountEnc ? this.cipher.decryptJson<BankAccountDto>(o.bankAccountEnc, aad(o.id)) : null,
      status: o.status,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
      version: o.version,
    };
  }
}
