import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { LetterQueryDto } from '../letters/dto/letter.dto.js';
import { AwardsService } from './awards.service.js';
import { AmendAwardDto, AwardPage, AwardQueryDto, AwardResponse, CloseAwardDto, LetterList } from './dto/award.dto.js';
import { ApiFileResponse, Operation } from '../../common/openapi/operation.decorator.js';
import { sendLetterPdf } from './letter-download.js';

@ApiTags('awards')
@Controller('awards')
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Get()
  @Operation({
    id: 'listAwards',
    summary: 'List awards',
    description:
      "Awards the caller may see (NGO users: their organisation's; officers: their countries'), one page at a time, filtered by country, status or application (the award of an approved request).",
  })
  @Authenticated()
  @ApiOkResponse({ type: AwardPage })
  list(@CurrentUser() user: AuthUser, @Query() query: AwardQueryDto): Promise<AwardPage> {
    return this.awards.list(user, query);
  }

  @Get(':id')
  @Operation({
    id: 'getAward',
    summary: 'Get an award',
    description: 'One award with its items, amounts committed and disbursed, and its letters.',
  })
  @Authenticated()
  @ApiOkResponse({ type: AwardResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<AwardResponse> {
    return this.awards.get(user, id);
  }

  @Get(':id/letter')
  @Operation({
    id: 'downloadAwardLetter',
    summary: 'Download an award letter',
    description:
      'The PDF letter exactly as issued, in the version and language asked for (the latest by default); X-Content-SHA256 and the ETag are its SHA-256. 503 while it is still being prepared.',
    errors: ['LETTER_NOT_READY'],
  })
  @Authenticated()
  @ApiFileResponse('The letter exactly as issued (X-Content-SHA256 is its SHA-256)', 'application/pdf')
  async letter(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: LetterQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendLetterPdf(res, await this.awards.letter(user, id, query));
  }

  @Get(':id/letters')
  @Operation({
    id: 'listAwardLetters',
    summary: 'List the letters of an award',
    description: 'Every version and language of the award letter, with its status and checksum.',
  })
  @Authenticated()
  @ApiOkResponse({ type: LetterList, description: 'Every version and language of the award letter' })
  letters(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<LetterList> {
    return this.awards.letterList(user, id);
  }

  @Post(':id/close')
  @Operation({
    id: 'closeAward',
    summary: 'Close an award',
    description:
      'Finance or an admin closes an active award: what is still committed for it goes back to the fund. Refused while tranches are scheduled or at the bank.',
    errors: ['AWARD_NOT_ACTIVE', 'TRANCHES_PENDING', 'VERSION_CONFLICT'],
  })
  @HttpCode(200)
  @Authenticated({ roles: ['finance', 'admin'] })
  @ApiOkResponse({ type: AwardResponse, description: 'The closed award; what was still committed for it is back in the fund' })
  close(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: CloseAwardDto): Promise<AwardResponse> {
    return this.awards.close(user, id, dto);
  }

  @Post(':id/amendments')
  @Operation({
    id: 'amendAward',
    summary: 'Amend an award',
    description:
      'An officer or admin changes the approved amounts of an active award; the difference is committed or released, and a new letter version is issued. Four eyes apply as for approvals.',
    errors: ['AWARD_NOT_AMENDABLE', 'FOUR_EYES', 'AMENDMENT_BELOW_TRANCHES', 'INSUFFICIENT_FUNDS', 'VERSION_CONFLICT'],
  })
  @HttpCode(200)
  @Authenticated({ roles: ['officer', 'admin'] })
  @ApiOkResponse({ type: AwardResponse, description: 'The amended award; its next letter version is issued' })
  amend(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: AmendAwardDto): Promise<AwardResponse> {
    return this.awards.amend(user, id, dto);
  }
}
