import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { LetterQueryDto } from '../letters/dto/letter.dto.js';
import { AwardsService } from './awards.service.js';
import { AmendAwardDto, AwardPage, AwardQueryDto, AwardResponse, CloseAwardDto, LetterList } from './dto/award.dto.js';

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

  @Get(':id/letter')
  @Authenticated()
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letter exactly as issued (X-Content-SHA256 is its SHA-256)' })
  async letter(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: LetterQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { letter, bytes, filename } = await this.awards.letter(user, id, query);
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Length': String(bytes.length),
        'Content-Disposition': `attachment; filename="${filename}"`,
        'X-Content-SHA256': letter.sha256!,
        ETag: `"${letter.sha256}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      })
      .end(bytes);
  }

  @Get(':id/letters')
  @Authenticated()
  @ApiOkResponse({ type: LetterList, description: 'Every version and language of the award letter' })
  letters(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<LetterList> {
    return this.awards.letterList(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Authenticated({ roles: ['finance', 'admin'] })
  @ApiOkResponse({ type: AwardResponse, description: 'The closed award; what was still committed for it is back in the fund' })
  close(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: CloseAwardDto): Promise<AwardResponse> {
    return this.awards.close(user, id, dto);
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @Authenticated({ roles: ['officer', 'admin'] })
  @ApiOkResponse({ type: AwardResponse, description: 'The amended award; its next letter version is issued' })
  amend(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: AmendAwardDto): Promise<AwardResponse> {
    return this.awards.amend(user, id, dto);
  }
}
