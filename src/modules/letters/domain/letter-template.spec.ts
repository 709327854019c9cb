import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ASSISTANCE_TYPES } from '../../../common/domain-codes.js';
import { PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';
import { loadTemplates, templatesDir } from '../render/letter-templates.js';
import { fill, parseTemplate, TemplateError, TEXT_KEYS, type LetterTemplate } from './letter-template.js';

const templates = loadTemplates();
const english = templates.get('en')!;
/** A fresh, valid template to break. */
const valid = (): LetterTemplate => structuredClone(english);

function problemsOf(raw: unknown): string[] {
  try {
    parseTemplate(raw, 'test.json');
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return (e as TemplateError).problems;
  }
  throw new Error('the template was accepted');
}

describe('the template files', () => {
  it('all parse, one per <language>.json', () => {
    const files = readdirSync(templatesDir()).filter((f) => /^[a-z]{2}\.json$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['en.json', 'ru.json']));
    expect([...templates.keys()].sort()).toEqual(files.map((f) => f.slice(0, 2)).sort());
  });

  it.each([...templates.values()].map((t) => [t.language, t] as const))(
    '%s has every sentence, type and country, and fills completely',
    (_language, template) => {
      expect(Object.keys(template.text).sort()).toEqual(Object.keys(TEXT_KEYS).sort());
      expect(Object.keys(template.types).sort()).toEqual([...ASSISTANCE_TYPES].sort());
      for (const country of PROGRAM_COUNTRIES) expect(template.countries[country]).toBeTruthy();
      for (const [key, allowed] of Object.entries(TEXT_KEYS)) {
        const values = Object.fromEntries((allowed as readonly string[]).map((name) => [name, 'X']));
        expect(fill(template.text[key as keyof typeof TEXT_KEYS], values)).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    },
  );
});

describe('parseTemplate', () => {
  it('returns a valid template as it is', () => {
    const raw = valid();
    expect(parseTemplate(raw, 'en.json')).toBe(raw);
  });

  it('reports every problem at once', () => {
    const raw = valid() as unknown as {
      text: Record<string, string>;
      types: Record<string, string>;
      countries: Record<string, string>;
      number: Record<string, string>;
    };
    delete raw.text.footer;
    raw.text.title = 'Award letter for {name}';
    raw.text.intro = 'Dear {name}, {fund} has approved {applicationReference}.';
    raw.text.signature = 'Yours';
    delete raw.types.medical;
    raw.types.shelter = '  ';
    delete raw.countries.TM;
    raw.number.decimal = ',,';

    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        'text.footer is missing',
        'text.title uses {name}; it may use no placeholders',
        'text.intro uses {name}; it may use {fund}, {organisation}, {beneficiaryCode}, {applicationReference}',
        'text.signature is not a sentence of the letter',
        'types.medical is missing',
        'types.shelter is missing',
        'countries.TM is missing',
        'number.decimal must be one character',
      ]),
    );
    expect(problems).toHaveLength(8);
  });

  it('names the file and lists the problems in the message', () => {
    const raw = valid() as unknown as { countries: Record<string, string> };
    delete raw.countries.KZ;
    delete raw.countries.UZ;
    expect(() => parseTemplate(raw, 'de.json')).toThrow(
      'Letter template de.json is not valid:\n  - countries.KZ is missing\n  - countries.UZ is missing',
    );
    try {
      parseTemplate(raw, 'de.json');
    } catch (e) {
      expect((e as TemplateError).source).toBe('de.json');
    }
  });

  it('checks the header fields and the number marks', () => {
    const raw = { ...valid(), language: '', languageName: undefined, locale: 'not a locale!', number: { group: '  ', decimal: '' } };
    expect(problemsOf(raw).sort()).toEqual(
      [
        'language is required',
        'languageName is required',
        'locale not a locale! is not a BCP 47 locale',
        'number.group must be one character (or empty)',
        'number.decimal must be one character',
      ].sort(),
    );
    expect(problemsOf({ ...valid(), number: undefined })).toEqual([
      'number.group must be one character (or empty)',
      'number.decimal must be one character',
    ]);
  });

  it('allows an empty group mark and a no-break space', () => {
    expect(() => parseTemplate({ ...valid(), number: { group: '', decimal: ',' } }, 'x.json')).not.toThrow();
    expect(() => parseTemplate({ ...valid(), number: { group: '\u00a0', decimal: ',' } }, 'x.json')).not.toThrow();
  });

  it('counts a sentence that is not text as missing', () => {
    const raw = valid() as unknown as { text: Record<string, unknown> };
    raw.text.total = 42;
    expect(problemsOf(raw)).toEqual(['text.total is missing']);
  });

  it('refuses anything but one object', () => {
    for (const raw of [null, [], 'en', 1]) expect(problemsOf(raw)).toEqual(['the file must hold one JSON object']);
  });

  it('lists every sentence, type and country of an empty object', () => {
    const problems = problemsOf({});
    for (const key of Object.keys(TEXT_KEYS)) expect(problems).toContain(`text.${key} is missing`);
    for (const type of ASSISTANCE_TYPES) expect(problems).toContain(`types.${type} is missing`);
    for (const country of PROGRAM_COUNTRIES) expect(problems).toContain(`countries.${country} is missing`);
  });
});

describe('parseTemplate and Object.prototype', () => {
  it('reports a sentence named like a property of every object', () => {
    const t = valid() as unknown as { text: Record<string, string> };
    t.text = { ...t.text, constructor: 'x', toString: 'y' };
    expect(problemsOf(t)).toEqual(['text.constructor is not a sentence of the letter', 'text.toString is not a sentence of the letter']);
  });
});

describe('fill', () => {
  it('replaces the placeholders it is given, as often as they occur', () => {
    expect(fill('page {page} of {pages}', { page: 1, pages: 2 })).toBe('page 1 of 2');
    expect(fill('{version}, again {version}', { version: 3 })).toBe('3, again 3');
    expect(fill('{amount} {currency}', { amount: '1,500.00', currency: 'KZT' })).toBe('1,500.00 KZT');
  });

  it('leaves unknown placeholders and other braces as they are', () => {
    expect(fill('{fund} for {name}', { fund: 'EF' })).toBe('EF for {name}');
    expect(fill('{ page } {1} {}', { page: 1 })).toBe('{ page } {1} {}');
    expect(fill('no placeholders', { page: 1 })).toBe('no placeholders');
  });

  it('inserts values literally, without reading placeholders or $ patterns in them', () => {
    expect(fill('{reason}', { reason: 'costs $& rose {version}' })).toBe('costs $& rose {version}');
    expect(fill('{reason} {version}', { reason: '{version}', version: 2 })).toBe('{version} 2');
  });

  it('does not take names of Object.prototype for placeholders or sentences', () => {
    expect(fill('{constructor} {toString} {name}', {})).toBe('{constructor} {toString} {name}');
  });
});
