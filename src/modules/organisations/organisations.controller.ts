import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Authenticated } from '../../common/auth/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { IsProgramCountry, PROGRAM_COUNTRIES } from '../../common/validation/decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { CreateOrganisationDto, OrganisationPage, OrganisationResponse, UpdateOrganisationDto } from './dto/organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

export class OrganisationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROGRAM_COUNTRIES })
  @IsOptional()
  @IsProgramCountry()
  country?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: string;
}

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Operation({
    id: 'createOrganisation',
    summary: 'Register an organisation',
    description: 'An admin registers a partner NGO; its registration number is unique in its country.',
    errors: ['ORGANISATION_EXISTS'],
  })
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: OrganisationResponse })
  create(@Body() dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    return this.organisations.create(dto);
  }

  @Get()
  @Operation({
    id: 'listOrganisations',
    summary: 'List organisations',
    description: 'Partner NGOs, one page at a time, filtered by country or status.',
  })
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: OrganisationPage })
  list(@Query() query: OrganisationQueryDto): Promise<OrganisationPage> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @Operation({ id: 'getOrganisation', summary: 'Get an organisation', description: 'One partner NGO.' })
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: OrganisationResponse })
  get(@Param('id', UuidParamPipe) id: string): Promise<OrganisationResponse> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @Operation({
    id: 'updateOrganisation',
    summary: 'Edit an organisation',
    description: 'An admin changes a partner NGO, giving the version read.',
    errors: ['ORGANISATION_EXISTS', 'VERSION_CONFLICT'],
  })
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: OrganisationResponse })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateOrganisationDto): Promise<OrganisationResponse> {
    return this.organisations.update(id, dto);
  }
}
