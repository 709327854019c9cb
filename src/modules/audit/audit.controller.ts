import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/auth.decorators.js';
import { mapPage } from '../../common/pagination/pagination.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditEventPage, AuditVerificationResponse, toAuditEventResponse } from './dto/audit-event.response.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Operation({
    id: 'listAuditEvents',
    summary: 'List audit events',
    description: 'The audit trail in the order it was written, one page at a time, filtered by entity, action or actor.',
  })
  @Authenticated({ roles: ['admin', 'auditor'] })
  @ApiOkResponse({ type: AuditEventPage })
  async list(@Query() query: AuditQueryDto): Promise<AuditEventPage> {
    return mapPage(await this.audit.list(query), toAuditEventResponse);
  }

  @Get('verify')
  @Operation({
    id: 'verifyAuditChain',
    summary: 'Verify the audit chain',
    description: 'Recomputes the hash chain of every audit event and says whether it is intact, and if not, where it first breaks.',
  })
  @Authenticated({ roles: ['admin', 'auditor'] })
  @ApiOkResponse({ type: AuditVerificationResponse })
  verify(): Promise<AuditVerificationResponse> {
    return this.audit.verify();
  }
}
