import { Body, Controller, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser, Public } from '../../common/auth/auth.decorators.js';
import { UpdateMeDto } from '../users/dto/user.dto.js';
import { UserResponse } from '../users/dto/user.response.js';
import type { User } from '../users/entities/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LogoutDto, RefreshDto, TokenResponse } from './dto/login.dto.js';
import { LoginGuard } from './guards/login.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong credentials, or the account is locked after 5 failures' })
  @ApiTooManyRequestsResponse({ description: 'Too many login attempts from this address' })
  login(@CurrentUser() user: unknown): Promise<TokenResponse> {
    return this.auth.login(user as User);
  }

  /** Public: the refresh token itself is the credential (the access token may have expired). */
  @Post('refresh')
  @Public({ rateLimited: true })
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  refresh(@Body() body: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  logout(@CurrentUser() user: AuthUser, @Body() body: LogoutDto): Promise<void> {
    return this.auth.logout(user, body.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user.id);
  }

  @Patch('me')
  @Authenticated()
  @ApiOkResponse({ type: UserResponse, description: "The signed-in user's own settings: the web app's language" })
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserResponse> {
    return this.users.updateMe(user, dto);
  }
}
