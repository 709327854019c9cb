import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable } from '@nestjs/common';
import { parseTemplate, type LetterTemplate } from '../domain/letter-template.js';

/** Languages an application may ask for that have no template of their own yet: their letters are in Russian, the program's common working language. */
export const LANGUAGE_FALLBACK: Record<string, string> = { kk: 'ru', ky: 'ru', tg: 'ru', uz: 'ru' };

/** `templates/letters/`, found from this file upwards (the same from `src/` under Jest and from `dist/src/`). */
export function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates', 'letters');
    if (existsSync(join(candidate, 'en.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('templates/letters/ not found above the letters module');
    dir = parent;
  }
}

const templateFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^[a-z]{2}\.json$/.test(f))
    .sort();

let languagesOnDisk: string[] | undefined;
/** The languages of the templates folder (its file names), read once: for request validation, before any template is needed. */
export function templateLanguages(): string[] {
  languagesOnDisk ??= templateFiles(templatesDir()).map((f) => f.slice(0, 2));
  return languagesOnDisk;
}

/** Every `<language>.json` of the folder, validated; a bad template stops the start. */
export function loadTemplates(dir = templatesDir()): Map<string, LetterTemplate> {
  const templates = new Map<string, LetterTemplate>();
  for (const file of templateFiles(dir)) {
    const template = parseTemplate(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
    if (`${template.language}.json` !== file) throw new Error(`Letter template ${file} says it is "${template.language}"`);
    templates.set(template.language, template);
  }
  if (!templates.has('en')) throw new Error(`No English letter template in ${dir}`);
  return templates;
}

/** The templates, read once at start: no letter reads a file. */
@Injectable()
export class LetterTemplates {
  private readonly templates = loadTemplates();

  get languages(): string[] {
    return [...this.templates.keys()];
  }

  /** The language a letter requested in `language` is written in: its own template, else its fallback, else English. */
  resolve(language: string): string {
    if (this.templates.has(language)) return language;
    const fallback = LANGUAGE_FALLBACK[language];
    return fallback && this.templates.has(fallback) ? fallback : 'en';
  }

  has(language: string): boolean {
    return this.templates.has(language);
  }

  get(language: string): LetterTemplate {
    return this.templates.get(this.resolve(language))!;
  }
}
