import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators.js';
import { VerificationResponse } from './dto/letter.dto.js';
import { LettersService } from './letters.service.js';

@ApiTags('letters')
@Controller('letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Get('verify/:code')
  @Public()
  @ApiOkResponse({ type: VerificationResponse, description: 'Whether the letter is genuine and current; never any personal data' })
  verify(@Param('code') code: string): Promise<VerificationResponse> {
    return this.letters.verify(code);
  }
}
