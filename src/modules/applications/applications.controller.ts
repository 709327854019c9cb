import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { CreateWaiverDto, EligibilityResponse } from '../eligibility/dto/eligibility.dto.js';
import { ApplicationDocumentsService, type UploadedFile as StoredUpload } from './application-documents.service.js';
import { ApplicationsService } from './applications.service.js';
import {
  ApplicationEventList,
  ApplicationPage,
  ApplicationQueryDto,
  ApplicationResponse,
  CreateApplicationDto,
  MessageList,
  MessageResponse,
  PostMessageDto,
  TransitionDto,
  UpdateApplicationDto,
} from './dto/application.dto.js';
import { DocumentList, DocumentResponse, UploadDocumentDto } from './dto/document.dto.js';

const READERS = { roles: ['ngo' as const, 'officer' as const, 'admin' as const, 'auditor' as const] };
const NGO = { roles: ['ngo' as const] };
/** The NGO and the officers talk on an application; auditors read de-identified data only. */
const THREAD = { roles: ['ngo' as const, 'officer' as const, 'admin' as const] };

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly documents: ApplicationDocumentsService,
  ) {}

  @Post()
  @Authenticated(NGO)
  @ApiCreatedResponse({ type: ApplicationResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApplicationDto): Promise<ApplicationResponse> {
    return this.applications.create(user, dto);
  }

  @Get()
  @Authenticated(READERS)
  @ApiOkResponse({ type: ApplicationPage })
  list(@CurrentUser() user: AuthUser, @Query() query: ApplicationQueryDto): Promise<ApplicationPage> {
    return this.applications.list(user, query);
  }

  @Get(':id')
  @Authenticated(READERS)
  @ApiOkResponse({ type: ApplicationResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<ApplicationResponse> {
    return this.applications.get(user, id);
  }

  @Patch(':id')
  @Authenticated(NGO)
  @ApiOkResponse({ type: ApplicationResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateApplicationDto,
  ): Promise<ApplicationResponse> {
    return this.applications.update(user, id, dto);
  }

  @Post(':id/submit')
  @Authenticated(NGO)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse, description: 'submitted, or ineligible with every failed rule' })
  submit(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: TransitionDto): Promise<ApplicationResponse> {
    return this.applications.submit(user, id, dto);
  }

  @Post(':id/withdraw')
  @Authenticated(NGO)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: TransitionDto,
  ): Promise<ApplicationResponse> {
    return this.applications.withdraw(user, id, dto);
  }

  @Post(':id/waivers')
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: ApplicationResponse })
  waive(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: CreateWaiverDto): Promise<ApplicationResponse> {
    return this.applications.waive(user, id, dto);
  }

  @Get(':id/messages')
  @Authenticated(THREAD)
  @ApiOkResponse({ type: MessageList })
  messages(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<MessageList> {
    return this.applications.messages(user, id);
  }

  @Post(':id/messages')
  @Authenticated(THREAD)
  @ApiCreatedResponse({ type: MessageResponse })
  postMessage(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PostMessageDto,
  ): Promise<MessageResponse> {
    return this.applications.postMessage(user, id, dto.body);
  }

  @Get(':id/eligibility')
  @Authenticated(READERS)
  @ApiOkResponse({ type: EligibilityResponse, description: 'The latest check; null before the first submission' })
  eligibility(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<EligibilityResponse | null> {
    return this.applications.eligibilityOf(user, id);
  }

  @Get(':id/events')
  @Authenticated(READERS)
  @ApiOkResponse({ type: ApplicationEventList })
  events(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<ApplicationEventList> {
    return this.applications.events(user, id);
  }

  @Post(':id/documents')
  @Authenticated(NGO)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentDto })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiPayloadTooLargeResponse({ description: 'Larger than MAX_UPLOAD_MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a PDF, JPEG or PNG by content' })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UploadDocumentDto,
    @UploadedFile() file: StoredUpload | undefined,
  ): Promise<DocumentResponse> {
    return this.documents.upload(user, id, dto.kind, file);
  }

  @Get(':id/documents')
  @Authenticated(READERS)
  @ApiOkResponse({ type: DocumentList })
  listDocuments(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<DocumentList> {
    return this.documents.list(user, id);
  }

  @Get(':id/documents/:docId')
  @Authenticated(READERS)
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The stored bytes' })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Param('docId', UuidParamPipe) docId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { document, bytes } = await this.documents.download(user, id, docId);
    res
      .status(200)
      .set({
        'Content-Type': document.contentType,
        'Content-Length': String(bytes.length),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      })
      .end(bytes);
  }
}
