import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageOf, PageQueryDto } from '../../../common/pagination/pagination.js';
import { ApiMoney, IsProgramCountry, PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';

export class AwardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROGRAM_COUNTRIES })
  @IsOptional()
  @IsProgramCountry()
  country?: string;

  @ApiPropertyOptional({ enum: ['active', 'closed'] })
  @IsOptional()
  @IsIn(['active', 'closed'])
  status?: string;
}

export class AwardItemResponse {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() type: string;
  @ApiProperty() description: string;
  @ApiMoney() amount: string;
}

export class ApproverResponse {
  @ApiProperty({ format: 'uuid' }) officerId: string;
  @ApiProperty() at: string;
}

export class AwardResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'AWD-KZ-2026-00042' }) number: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ example: 'BEN-KZ-7K3QF', description: 'The pseudonymous code, never a name' }) beneficiaryCode: string;
  @ApiProperty() country: string;
  @ApiMoney() amount: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['active', 'closed'] }) status: string;
  @ApiProperty({ type: [AwardItemResponse] }) items: AwardItemResponse[];
  @ApiProperty({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty({ type: [ApproverResponse] }) approvers: ApproverResponse[];
  @ApiProperty() createdAt: string;
}

export class AwardPage extends PageOf(AwardResponse) {}
