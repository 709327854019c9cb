import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/auth.decorators.js';
import { mapPage } from '../../common/pagination/pagination.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditEventPage, AuditVerificationResponse, toAuditEventResponse } from './dto/audit-event.response.js';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authenticated({ roles: ['admin', 'auditor'] })
  @ApiOkResponse({ type: AuditEventPage })
  async list(@Query() query: AuditQueryDto): Promise<AuditEventPage> {
    return mapPage(await this.audit.list(query), toAuditEventResponse);
  }

  @Get('verify')
  @Authenticated({ roles: ['admin', 'auditor'] })
  @ApiOkResponse({ type: AuditVerificationResponse })
  verify(): Promise<AuditVerificationResponse> {
    return this.audit.verify();
  }
}
