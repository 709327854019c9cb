import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { AwardsService } from './awards.service.js';
import { AwardPage, AwardQueryDto, AwardResponse } from './dto/award.dto.js';

@ApiTags('awards')
@Controller('awards')
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: AwardPage })
  list(@CurrentUser() user: AuthUser, @Query() query: AwardQueryDto): Promise<AwardPage> {
    return this.awards.list(user, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: AwardResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<AwardResponse> {
    return this.awards.get(user, id);
  }
}
