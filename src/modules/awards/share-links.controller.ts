import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { Operation } from '../../common/openapi/operation.decorator.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { CreatedShareLinkResponse, CreateShareLinkDto, ShareLinkList, ShareLinkResponse } from './dto/share-link.dto.js';
import { ShareLinksService } from './share-links.service.js';

@ApiTags('awards')
@Controller('awards')
export class ShareLinksController {
  constructor(private readonly links: ShareLinksService) {}

  @Post(':id/share-links')
  @Operation({
    id: 'createShareLink',
    summary: 'Share an award letter by link',
    description:
      "The award's NGO makes a link to the current letter that works without an account (for a clinic or a landlord), for 1 to 90 days (30 by default). The answer is the only one that holds the token and the link: only its hash is kept.",
    errors: ['SHARE_LINK_LIMIT'],
  })
  @Authenticated({ roles: ['ngo'] })
  @ApiCreatedResponse({ type: CreatedShareLinkResponse, description: 'The new link, with its token and URL (shown only here)' })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateShareLinkDto,
  ): Promise<CreatedShareLinkResponse> {
    return this.links.create(user, id, dto);
  }

  @Get(':id/share-links')
  @Operation({
    id: 'listShareLinks',
    summary: 'List the share links of an award',
    description: "Every link made for the award's letter, newest first, with its status and how often it was opened; never the tokens.",
  })
  @Authenticated({ roles: ['ngo', 'officer', 'admin'] })
  @ApiOkResponse({ type: ShareLinkList })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<ShareLinkList> {
    return this.links.list(user, id);
  }

  @Post(':id/share-links/:linkId/revoke')
  @Operation({
    id: 'revokeShareLink',
    summary: 'Withdraw a share link',
    description:
      'The link stops working at once. Withdrawing a withdrawn link changes nothing and answers it as it is. The NGO, officers of the country and admins.',
  })
  @HttpCode(200)
  @Authenticated({ roles: ['ngo', 'officer', 'admin'] })
  @ApiOkResponse({ type: ShareLinkResponse, description: 'The withdrawn link' })
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('linkId', UuidParamPipe) linkId: string,
  ): Promise<ShareLinkResponse> {
    return this.links.revoke(user, id, linkId);
  }
}
