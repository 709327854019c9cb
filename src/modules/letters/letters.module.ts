import { Module } from '@nestjs/common';
import { LettersController } from './letters.controller.js';
import { LettersRepository } from './letters.repository.js';
import { LettersService } from './letters.service.js';
import { LetterRenderer } from './render/letter-renderer.js';
import { LetterTemplates } from './render/letter-templates.js';
import { PdfLetterRenderer } from './render/pdf-letter-renderer.js';

@Module({
  controllers: [LettersController],
  providers: [LettersRepository, LettersService, LetterTemplates, { provide: LetterRenderer, useClass: PdfLetterRenderer }],
  exports: [LettersService],
})
export class LettersModule {}
