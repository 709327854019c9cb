import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/auth.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ApiFileResponse, ApiJsonOrTextResponse, Operation } from '../../common/openapi/operation.decorator.js';
import { SharedLetterResponse } from './dto/share-link.dto.js';
import { sendLetterPdf } from './letter-download.js';
import { SHARED_PATH, ShareLinksService } from './share-links.service.js';
import { sharedLetterPage } from './shared-letter-page.js';

const wantsHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';
const isNotFound = (err: unknown) => err instanceof DomainError && err.kind === 'not_found';

/**
 * The public side of share links: whoever holds the link reads the letter's page and downloads its
 * PDF. The token in the path is the key, so the request log writes these routes' templates only
 * (see configureApp), and answers are never cached.
 */
@ApiTags('shared')
@Controller(SHARED_PATH)
export class SharedLettersController {
  constructor(private readonly links: ShareLinksService) {}

  @Get(':token')
  @Operation({
    id: 'openSharedLetter',
    summary: 'Open a shared award letter',
    description:
      'What the current award letter behind a share link states (number, date, amount, organisation, whether it is current) and until when the link works, as JSON or as a small page for a browser (Accept: text/html). Never the beneficiary. An expired, withdrawn or unknown link is a 404. Limited per address.',
    errors: ['RATE_LIMITED'],
  })
  @Public({ rateLimited: true })
  @ApiJsonOrTextResponse(SharedLetterResponse, 'The current letter behind the link; never any personal data', 'text/html')
  async open(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SharedLetterResponse | string> {
    res.set('Cache-Control', 'no-store');
    if (!wantsHtml(req)) return this.links.open(token);
    res.type('html');
    try {
      return sharedLetterPage(await this.links.open(token));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      res.status(404);
      return sharedLetterPage(null);
    }
  }

  @Get(':token/letter.pdf')
  @Operation({
    id: 'downloadSharedLetter',
    summary: 'Download a shared award letter',
    description:
      "The PDF of the award's current letter in the link's language, exactly as issued (X-Content-SHA256 and the ETag are its SHA-256); 503 while it is still being prepared. An expired, withdrawn or unknown link is a 404. Limited per address.",
    errors: ['RATE_LIMITED', 'LETTER_NOT_READY'],
  })
  @Public({ rateLimited: true })
  @ApiFileResponse('The letter exactly as issued (X-Content-SHA256 is its SHA-256)', 'application/pdf')
  async letter(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      sendLetterPdf(res, await this.links.letter(token));
    } catch (err) {
      if (!isNotFound(err) || !wantsHtml(req)) throw err;
      res.status(404).type('html').set('Cache-Control', 'no-store').send(sharedLetterPage(null));
    }
  }
}
