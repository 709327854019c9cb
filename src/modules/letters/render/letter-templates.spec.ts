import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { TemplateError } from '../domain/letter-template.js';
import { LANGUAGE_FALLBACK, LetterTemplates, loadTemplates, templatesDir } from './letter-templates.js';

describe('LetterTemplates', () => {
  const templates = new LetterTemplates();

  it('has English and Russian', () => {
    expect(templates.languages).toEqual(expect.arrayContaining(['en', 'ru']));
    expect(templates.has('en')).toBe(true);
    expect(templates.has('kk')).toBe(false);
  });

  it('writes Kazakh, Kyrgyz, Tajik and Uzbek letters in Russian while they have no template', () => {
    for (const language of ['kk', 'ky', 'tg', 'uz']) {
      expect(LANGUAGE_FALLBACK[language]).toBe('ru');
      expect(templates.resolve(language)).toBe('ru');
    }
    expect(templates.get('kk').language).toBe('ru');
    expect(templates.get('uz').locale).toBe('ru-RU');
  });

  it('uses a language of its own, and English for anything else', () => {
    expect(templates.resolve('en')).toBe('en');
    expect(templates.resolve('ru')).toBe('ru');
    expect(templates.resolve('xx')).toBe('en');
    expect(templates.resolve('')).toBe('en');
    expect(templates.get('xx').language).toBe('en');
    expect(templates.get('ru').language).toBe('ru');
  });
});

describe('loadTemplates', () => {
  const dirs: string[] = [];
  const folder = (files: Record<string, unknown>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'letter-templates-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return dir;
  };
  const en = loadTemplates().get('en')!;

  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds templates/letters/ from the module', () => {
    expect(templatesDir().replace(/\\/g, '/')).toMatch(/\/templates\/letters$/);
  });

  it('reads <language>.json files only', () => {
    const dir = folder({ 'en.json': en, 'README.md': '# not a template', 'en-old.json': '{ broken' });
    expect([...loadTemplates(dir).keys()]).toEqual(['en']);
  });

  it('stops at a template that is not valid, naming the file', () => {
    const dir = folder({ 'en.json': en, 'de.json': { ...en, language: 'de', types: {} } });
    expect(() => loadTemplates(dir)).toThrow(TemplateError);
    expect(() => loadTemplates(dir)).toThrow(/de\.json/);
  });

  it('stops at a template whose language is not its file name', () => {
    const dir = folder({ 'en.json': en, 'de.json': { ...en, language: 'fr' } });
    expect(() => loadTemplates(dir)).toThrow('Letter template de.json says it is "fr"');
  });

  it('requires an English template', () => {
    const dir = folder({ 'ru.json': { ...en, language: 'ru' } });
    expect(() => loadTemplates(dir)).toThrow(/No English letter template/);
  });
});
