import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto.js';
import { UserPage, UserResponse } from './dto/user.response.js';
import { UsersService } from './users.service.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Operation({
    id: 'createUser',
    summary: 'Create a user',
    description: 'An admin creates an account with its role, and its organisation (NGO users) or countries (officers).',
    errors: ['EMAIL_TAKEN'],
  })
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: UserResponse })
  create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(dto);
  }

  @Get()
  @Operation({
    id: 'listUsers',
    summary: 'List users',
    description: 'Accounts, one page at a time, filtered by role, organisation or country.',
  })
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: UserQueryDto): Promise<UserPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @Operation({ id: 'getUser', summary: 'Get a user', description: 'One account.' })
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: UserResponse })
  get(@Param('id', UuidParamPipe) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Operation({
    id: 'updateUser',
    summary: 'Edit a user',
    description:
      'An admin changes an account, giving the version read: a new password, role or disabling ends its sessions; unlock clears a lockout. The last active admin cannot be disabled or demoted, nor can an admin disable or demote themself.',
    errors: ['VERSION_CONFLICT', 'LAST_ADMIN', 'OWN_ACCESS'],
  })
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: UserResponse })
  update(@CurrentUser() me: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(me, id, dto);
  }
}
