import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto.js';
import { UserPage, UserResponse } from './dto/user.response.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: UserResponse })
  create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(dto);
  }

  @Get()
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: UserQueryDto): Promise<UserPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: UserResponse })
  get(@Param('id', UuidParamPipe) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: UserResponse })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(id, dto);
  }
}
