import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'beneficiary' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ example: 'beneficiary.pii_read' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,60}$/, { message: 'action must be an action name such as "auth.login"' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;
}
