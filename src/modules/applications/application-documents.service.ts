import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../../config/app-config.js';
import { documentLimitReached, fileDamaged, fileTypeMismatch, missingFile, unsupportedFile } from './applications.errors.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { checkDocument } from './domain/document-check.js';
import { safeFilename } from './domain/document-type.js';
import { type DocumentResponse, toDocumentResponse } from './dto/document.dto.js';

export interface UploadedFile {
  originalname?: string;
  /** The part's Content-Type, a claim checked against the content */
  mimetype?: string;
  buffer: Buffer;
  size: number;
}

@Injectable()
export class ApplicationDocumentsService {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly repository: ApplicationsRepository,
    private readonly storage: FileStorage,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The type is read from the bytes and must agree with the part's Content-Type and extension; the file
   * must be complete (domain/document-check.ts). Nothing is stored otherwise.
   */
  async upload(user: AuthUser, applicationId: string, kind: string | undefined, file: UploadedFile | undefined): Promise<DocumentResponse> {
    if (!file) throw missingFile();
    return this.transactions.run(async (m) => {
      // scope and state first: someone else's application is a 404 whatever the file
      const app = await this.applications.lockOwn(m, user, applicationId);
      this.applications.assertCan(app, 'upload');
      // counted under the application's row lock (lockOwn), so concurrent uploads cannot both take the last place
      const limit = this.config.MAX_DOCUMENTS_PER_APPLICATION;
      if ((await this.repository.countDocuments(m, applicationId)) >= limit) throw documentLimitReached(limit);
      const checked = checkDocument(file.buffer, { contentType: file.mimetype, filename: file.originalname });
      if (!checked.ok) {
        if (checked.problem === 'unsupported') throw unsupportedFile(checked.reason);
        if (checked.problem === 'mismatch') throw fileTypeMismatch(checked.detected, checked.claimed);
        throw fileDamaged(checked.contentType, checked.reason);
      }
      const detected = { contentType: checked.contentType, extension: checked.extension };
      const stored = await this.storage.put(m, file.buffer);
      const document = await this.repository.insertDocument(m, {
        applicationId,
        kind: kind ?? 'other',
        filename: safeFilename(file.originalname, detected),
        contentType: detected.contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
        uploadedBy: user.id,
      });
      // the file name may carry a person's name: the audit keeps what identifies the bytes instead
      await this.audit.record(m, {
        action: 'document.upload',
        entityType: 'application',
        entityId: applicationId,
        after: {
          documentId: document.id,
          kind: document.kind,
          contentType: document.contentType,
          size: document.size,
          sha256: document.sha256,
        },
      });
      return toDocumentResponse(document);
    });
  }

  async list(user: AuthUser, applicationId: string): Promise<{ items: DocumentResponse[] }> {
    await this.applications.findVisible(user, applicationId);
    return { items: (await this.repository.documentsOf(applicationId)).map(toDocumentResponse) };
  }

  /** The stored bytes; reads by anyone but the uploading organisation are audited (documents may hold PII). */
  async download(user: AuthUser, applicationId: string, documentId: string): Promise<{ document: DocumentResponse; bytes: Buffer }> {
    const app = await this.applications.findVisible(user, applicationId);
    const document = await this.repository.findDocument(applicationId, documentId);
    if (!document) throw notFound('Document');
    return this.transactions.run(async (m) => {
      const bytes = await this.storage.get(m, document.storageKey);
      if (!bytes) throw notFound('Document');
      if (user.organisationId !== app.organisationId) {
        await this.audit.record(m, { action: 'document.read', entityType: 'application', entityId: applicationId, after: { documentId } });
      }
      return { document: toDocumentResponse(document), bytes };
    });
  }
}
