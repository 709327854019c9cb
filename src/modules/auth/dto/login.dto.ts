import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { UserResponse } from '../../users/dto/user.response.js';

export class LoginDto {
  @ApiProperty({ example: 'ngo.kz@example.org' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refreshToken from login or the previous refresh' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken: string;
}

export class LogoutDto {
  @ApiProperty({ required: false, description: 'Revoke this refresh token; without it every session of the user is ended' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken?: string;
}

export class TokenResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}
