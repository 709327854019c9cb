import { Body, Controller, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser, Public } from '../../common/auth/auth.decorators.js';
import { UpdateMeDto } from '../users/dto/user.dto.js';
import { UserResponse } from '../users/dto/user.response.js';
import type { User } from '../users/entities/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LogoutDto, RefreshDto, TokenResponse } from './dto/login.dto.js';
import { LoginGuard } from './guards/login.guard.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Operation({
    id: 'login',
    summary: 'Sign in',
    description:
      'Exchanges an e-mail and password for an access token and a refresh token. Five failures from one address lock that address out of the account for 15 minutes (other addresses still get in); attempts are limited per address. A wrong password, an unknown, disabled or locked account all answer the same 401 INVALID_CREDENTIALS.',
    errors: ['INVALID_CREDENTIALS', 'RATE_LIMITED'],
  })
  @Public()
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenResponse })
  login(@CurrentUser() user: unknown): Promise<TokenResponse> {
    return this.auth.login(user as User);
  }

  /** Public: the refresh token itself is the credential (the access token may have expired). */
  @Post('refresh')
  @Operation({
    id: 'refreshTokens',
    summary: 'Refresh the tokens',
    description:
      'Exchanges a refresh token for a new pair; the old refresh token is spent. Presenting a spent token again ends its whole session. Limited per address.',
    errors: ['INVALID_REFRESH_TOKEN', 'RATE_LIMITED'],
  })
  @Public({ rateLimited: true })
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  refresh(@Body() body: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Operation({
    id: 'logout',
    summary: 'Sign out',
    description:
      'Ends the session of the given refresh token, or every session of the caller when none is given: then every refresh token is revoked and every access token of the caller stops working at once, this one included.',
  })
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out' })
  logout(@CurrentUser() user: AuthUser, @Body() body: LogoutDto): Promise<void> {
    return this.auth.logout(user, body.refreshToken);
  }

  @Get('me')
  @Operation({
    id: 'getCurrentUser',
    summary: 'Get the signed-in user',
    description: "The caller's own account: name, role, organisation and countries.",
    errors: ['INVALID_CREDENTIALS'],
  })
  @Authenticated()
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user.id);
  }

  @Patch('me')
  @Operation({
    id: 'updateCurrentUser',
    summary: "Change the signed-in user's settings",
    description:
      "The caller's own settings, today the language the web app speaks to them (remembered across devices). Optional version: a stale one answers 409.",
    errors: ['VERSION_CONFLICT'],
  })
  @Authenticated()
  @ApiOkResponse({ type: UserResponse, description: "The signed-in user's own settings: the web app's language" })
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserResponse> {
    return this.users.updateMe(user, dto);
  }
}
