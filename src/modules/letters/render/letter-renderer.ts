import type { LetterContent } from '../domain/letter-content.js';
import type { LetterTemplate } from '../domain/letter-template.js';

/** Turns one letter version into document bytes; behind an interface so tests can make it fail. */
export abstract class LetterRenderer {
  abstract render(content: LetterContent, template: LetterTemplate): Promise<Buffer>;
}
