import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { CreateWaiverDto, EligibilityPreviewResponse, EligibilityResponse } from '../eligibility/dto/eligibility.dto.js';
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
import { ApiFileResponse, Operation } from '../../common/openapi/operation.decorator.js';

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
  @Operation({
    id: 'createApplication',
    summary: 'Create a draft application',
    description:
      'An NGO user drafts a request for assistance for one of its beneficiaries. Without fundId the open fund of the country today is used. The draft can be edited until it is submitted.',
    errors: ['NO_ORGANISATION'],
  })
  @Authenticated(NGO)
  @ApiCreatedResponse({ type: ApplicationResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApplicationDto): Promise<ApplicationResponse> {
    return this.applications.create(user, dto);
  }

  @Get()
  @Operation({
    id: 'listApplications',
    summary: 'List applications',
    description:
      "Applications the caller may see, one page at a time: NGO users see their organisation's, officers those of their countries, admins and auditors all (auditors de-identified). Filter by status, country, fund or beneficiary.",
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: ApplicationPage })
  list(@CurrentUser() user: AuthUser, @Query() query: ApplicationQueryDto): Promise<ApplicationPage> {
    return this.applications.list(user, query);
  }

  @Get(':id')
  @Operation({
    id: 'getApplication',
    summary: 'Get an application',
    description:
      "One application with its items, beneficiary code, latest eligibility check and waivers. Outside the caller's scope it answers 404.",
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: ApplicationResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<ApplicationResponse> {
    return this.applications.get(user, id);
  }

  @Patch(':id')
  @Operation({
    id: 'updateApplication',
    summary: 'Edit a draft application',
    description:
      'The NGO edits its draft, or an application sent back for information, giving the version it read: an older version answers 409 VERSION_CONFLICT.',
    errors: ['ILLEGAL_TRANSITION', 'VERSION_CONFLICT'],
  })
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
  @Operation({
    id: 'submitApplication',
    summary: 'Submit an application',
    description:
      'Runs the eligibility rules of the fund. The application becomes submitted and joins the review queue, or ineligible with every failed rule listed; both answer 200.',
    errors: ['ILLEGAL_TRANSITION', 'VERSION_CONFLICT'],
  })
  @Authenticated(NGO)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse, description: 'submitted, or ineligible with every failed rule' })
  submit(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: TransitionDto): Promise<ApplicationResponse> {
    return this.applications.submit(user, id, dto);
  }

  @Post(':id/withdraw')
  @Operation({
    id: 'withdrawApplication',
    summary: 'Withdraw an application',
    description: 'The NGO withdraws an application that is not yet decided; it leaves the review queue for good.',
    errors: ['ILLEGAL_TRANSITION', 'VERSION_CONFLICT'],
  })
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
  @Operation({
    id: 'waiveEligibilityRule',
    summary: 'Waive a failed eligibility rule',
    description:
      'An admin waives a rule that failed in the latest eligibility check, with a reason; the NGO can then submit again. Recorded in the audit trail.',
    errors: ['ILLEGAL_TRANSITION', 'RULE_NOT_FAILED', 'ALREADY_WAIVED', 'VERSION_CONFLICT'],
  })
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: ApplicationResponse })
  waive(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: CreateWaiverDto): Promise<ApplicationResponse> {
    return this.applications.waive(user, id, dto);
  }

  @Get(':id/messages')
  @Operation({
    id: 'listApplicationMessages',
    summary: 'List the messages of an application',
    description: 'The conversation between the NGO and the officers on one application, oldest first.',
  })
  @Authenticated(THREAD)
  @ApiOkResponse({ type: MessageList })
  messages(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<MessageList> {
    return this.applications.messages(user, id);
  }

  @Post(':id/messages')
  @Operation({
    id: 'postApplicationMessage',
    summary: 'Post a message on an application',
    description: "The NGO or an officer writes on the application's thread; the other side is notified.",
  })
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
  @Operation({
    id: 'getApplicationEligibility',
    summary: 'Get the eligibility check of an application',
    description: 'The latest eligibility check with the outcome of each rule and the waivers; null before the first submission.',
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: EligibilityResponse, description: 'The latest check; null before the first submission' })
  eligibility(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<EligibilityResponse | null> {
    return this.applications.eligibilityOf(user, id);
  }

  @Get(':id/eligibility/preview')
  @Operation({
    id: 'previewApplicationEligibility',
    summary: 'Check eligibility before submitting',
    description:
      "Runs the fund's eligibility rules on the application as it stands, as submitting would, and records nothing: what a submission now would find, rule by rule. Only while the application can be submitted (a draft, or back with the NGO).",
    errors: ['ILLEGAL_TRANSITION'],
  })
  @Authenticated(NGO)
  @ApiOkResponse({ type: EligibilityPreviewResponse, description: "Each rule's outcome now; nothing is stored" })
  previewEligibility(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<EligibilityPreviewResponse> {
    return this.applications.previewEligibility(user, id);
  }

  @Get(':id/events')
  @Operation({
    id: 'listApplicationEvents',
    summary: 'List the history of an application',
    description: 'Every status change of the application with who made it, when, and their comment, oldest first.',
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: ApplicationEventList })
  events(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<ApplicationEventList> {
    return this.applications.events(user, id);
  }

  @Post(':id/documents')
  @Operation({
    id: 'uploadApplicationDocument',
    summary: 'Upload a document to an application',
    description:
      "multipart/form-data with a `file` (PDF, JPEG or PNG, judged by content, at most MAX_UPLOAD_MB) and its kind. The content must agree with the part's Content-Type and extension and be a complete file. The file name is kept as typed (raw UTF-8, `filename*` or percent-encoded). At most MAX_DOCUMENTS_PER_APPLICATION documents per application. Only while the application can be edited.",
    errors: [
      'ILLEGAL_TRANSITION',
      'UNSUPPORTED_FILE_TYPE',
      'FILE_TYPE_MISMATCH',
      'FILE_DAMAGED',
      'DOCUMENT_LIMIT_REACHED',
      'PAYLOAD_TOO_LARGE',
    ],
  })
  @Authenticated(NGO)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentDto })
  @ApiCreatedResponse({ type: DocumentResponse })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UploadDocumentDto,
    @UploadedFile() file: StoredUpload | undefined,
  ): Promise<DocumentResponse> {
    return this.documents.upload(user, id, dto.kind, file);
  }

  @Get(':id/documents')
  @Operation({
    id: 'listApplicationDocuments',
    summary: 'List the documents of an application',
    description: 'The documents uploaded to the application: kind, file name, type, size and checksum.',
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: DocumentList })
  listDocuments(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<DocumentList> {
    return this.documents.list(user, id);
  }

  @Get(':id/documents/:docId')
  @Operation({
    id: 'downloadApplicationDocument',
    summary: 'Download a document of an application',
    description: 'The stored bytes of one document, as an attachment with its own content type.',
  })
  @Authenticated(READERS)
  @ApiFileResponse('The stored bytes, as an attachment', 'application/pdf', 'image/jpeg', 'image/png')
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
        'Content-Disposition': contentDisposition(document.filename),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      })
      .end(bytes);
  }
}

/**
 * RFC 6266: `filename*` (RFC 5987) carries the name as typed, UTF-8 percent-encoded; `'()*` are not
 * attr-chars, so they are encoded too (encodeURIComponent leaves them). `filename` is an ASCII
 * fallback for clients that ignore `filename*`.
 */
function contentDisposition(filename: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
