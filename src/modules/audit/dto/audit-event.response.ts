import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../common/pagination/pagination.js';
import type { AuditEvent } from '../entities/audit-event.entity.js';

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '42', description: 'Order of all events' }) seq: string;
  @ApiProperty({ description: 'The hash chain this event belongs to' }) chain: number;
  @ApiProperty({ example: '7', description: 'Position in its chain' }) chainSeq: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ example: 'beneficiary.create' }) action: string;
  @ApiProperty({ example: 'beneficiary' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: Object }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ description: 'SHA-256 of the canonical content' }) contentHash: string;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class AuditEventPage extends PageOf(AuditEventResponse) {}

export class BrokenLink {
  @ApiProperty() chain: number;
  @ApiProperty() chainSeq: string;
  @ApiProperty() seq: string;
}

export class AuditVerificationResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Events checked' }) checked: number;
  @ApiProperty({ description: 'Chains checked' }) chains: number;
  @ApiProperty({ type: BrokenLink, nullable: true, description: 'The first event whose link does not match' }) brokenAt: BrokenLink | null;
}

export function toAuditEventResponse(e: AuditEvent): AuditEventResponse {
  return {
    id: e.id,
    seq: e.seq,
    chain: e.chain,
    chainSeq: e.chainSeq,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    contentHash: e.contentHash,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
