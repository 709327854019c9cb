import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DOCUMENT_KINDS } from '../domain/application.types.js';
import type { ApplicationDocument } from '../entities/application-document.entity.js';

export class UploadDocumentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, JPEG or PNG (checked by content), at most MAX_UPLOAD_MB' })
  file?: unknown;

  @ApiPropertyOptional({
    enum: DOCUMENT_KINDS,
    default: 'other',
    description: 'cost_estimate for medical items, quote for business start-up',
  })
  @IsOptional()
  @IsIn([...DOCUMENT_KINDS], { message: `kind must be one of ${DOCUMENT_KINDS.join(', ')}` })
  kind?: string;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty() filename: string;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'] }) contentType: string;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256: string;
  @ApiProperty() uploadedAt: string;
}

export function toDocumentResponse(d: ApplicationDocument): DocumentResponse {
  return {
    id: d.id,
    kind: d.kind,
    filename: d.filename,
    contentType: d.contentType,
    size: d.size,
    sha256: d.sha256,
    uploadedAt: d.createdAt.toISOString(),
  };
}

export class DocumentList {
  @ApiProperty({ type: [DocumentResponse] }) items: DocumentResponse[];
}
