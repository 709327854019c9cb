import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { normaliseMoney } from '../../common/money/money.js';
import { keysetPage, type Page } from '../../common/pagination/pagination.js';
import { AwardsRepository } from './awards.repository.js';
import type { AwardQueryDto, AwardResponse } from './dto/award.dto.js';
import type { Award } from './entities/award.entity.js';

@Injectable()
export class AwardsService {
  constructor(
    private readonly repository: AwardsRepository,
    private readonly access: AccessService,
  ) {}

  /** In the transaction of the approval that makes an application `approved`. */
  createForApproval(manager: EntityManager, award: Parameters<AwardsRepository['insertNumbered']>[1], at: Date): Promise<Award> {
    return this.repository.insertNumbered(manager, award, at.getUTCFullYear());
  }

  async list(user: AuthUser, query: AwardQueryDto): Promise<Page<AwardResponse>> {
    const page = await keysetPage(this.repository.listQuery({ ...query, ...this.access.listScope(user) }), query);
    return { items: await this.toResponses(page.items), nextCursor: page.nextCursor };
  }

  async get(user: AuthUser, id: string): Promise<AwardResponse> {
    const award = await this.repository.findById(id);
    if (!award || !this.canSee(user, award)) throw notFound('Award');
    return (await this.toResponses([award]))[0];
  }

  /** NGO users their organisation's awards; officers their countries'; finance, admins and auditors all. */
  private canSee(user: AuthUser, award: Award): boolean {
    if (user.role === 'finance') return true;
    return this.access.canSeeOrganisationRecords(user, award.organisationId, award.country);
  }

  private async toResponses(awards: Award[]): Promise<AwardResponse[]> {
    const codes = await this.repository.beneficiaryCodes([...new Set(awards.map((a) => a.beneficiaryId))]);
    return awards.map((a) => ({
      id: a.id,
      number: a.number,
      applicationId: a.applicationId,
      organisationId: a.organisationId,
      fundId: a.fundId,
      beneficiaryCode: codes.get(a.beneficiaryId) ?? '',
      country: a.country,
      amount: normaliseMoney(a.amount),
      currency: a.currency,
      status: a.status,
      items: a.items.map((i) => ({ ...i, amount: normaliseMoney(i.amount) })),
      conditions: a.conditions,
      approvers: a.approvers,
      createdAt: a.createdAt.toISOString(),
    }));
  }
}
