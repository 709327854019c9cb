import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/auth.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { VerificationResponse } from './dto/letter.dto.js';
import { LettersService } from './letters.service.js';
import { verificationPage } from './verification-page.js';
import { ApiJsonOrTextResponse, Operation } from '../../common/openapi/operation.decorator.js';

@ApiTags('letters')
@Controller('letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  /** JSON, or a small page for a browser (the QR code on the letter opens this route). */
  @Get('verify/:code')
  @Operation({
    id: 'verifyLetter',
    summary: 'Verify an award letter',
    description:
      'Whether the letter with this verification code is genuine and current, as JSON, or as a small page for a browser (Accept: text/html). Never any personal data. Limited per address.',
    errors: ['RATE_LIMITED'],
  })
  @Public({ rateLimited: true })
  @ApiJsonOrTextResponse(VerificationResponse, 'Whether the letter is genuine and current; never any personal data', 'text/html')
  async verify(
    @Param('code') code: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VerificationResponse | string> {
    if (req.accepts(['json', 'html']) !== 'html') return this.letters.verify(code);
    res.type('html').set('Cache-Control', 'no-store');
    try {
      return verificationPage(await this.letters.verify(code));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      res.status(err.kind === 'not_found' ? 404 : 400);
      return verificationPage(null);
    }
  }
}
