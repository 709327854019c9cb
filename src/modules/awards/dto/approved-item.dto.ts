import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { ApiMoney, IsMoney } from '../../../common/validation/decorators.js';

export class ApprovedItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'itemId must be a UUID' })
  itemId: string;

  @ApiMoney({ description: 'At most the requested amount; 0 funds nothing of this item' })
  @IsMoney({ allowZero: true })
  approvedAmount: string;
}

/** An optional list of item amounts (decisions and award amendments). */
export const ApprovedItemsField = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [ApprovedItemDto], description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => ApprovedItemDto),
  );
