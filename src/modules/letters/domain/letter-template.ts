import { ASSISTANCE_TYPES, type AssistanceType } from '../../../common/domain-codes.js';
import { PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';

/**
 * An award-letter template: every sentence of the letter in one language. Files live in
 * `templates/letters/<language>.json`; the layout is code (render/), the words are data, so a
 * language is added by translating one file (templates/letters/README.md).
 */
export interface LetterTemplate {
  language: string;
  languageName: string;
  /** BCP 47 locale for month names, e.g. `ru-RU`. */
  locale: string;
  /** Digit grouping and decimal mark for amounts. */
  number: { group: string; decimal: string };
  text: Record<TextKey, string>;
  types: Record<AssistanceType, string>;
  countries: Record<string, string>;
}

/** Each sentence of the letter and the placeholders it may use. */
export const TEXT_KEYS = {
  issuer: [],
  issuerLine: [],
  title: [],
  awardNumber: [],
  version: [],
  date: [],
  to: [],
  beneficiary: [],
  application: [],
  fund: [],
  intro: ['fund', 'organisation', 'beneficiaryCode', 'applicationReference'],
  amendment: ['version', 'previousVersion', 'reason'],
  itemsTitle: [],
  itemNumber: [],
  itemType: [],
  itemDescription: [],
  itemAmount: ['currency'],
  total: [],
  conditionsTitle: [],
  noConditions: [],
  disbursementTitle: [],
  disbursement: ['amount', 'currency', 'organisation'],
  obligationsTitle: [],
  obligation1: [],
  obligation2: [],
  obligation3: [],
  obligation4: [],
  approvalsTitle: [],
  approvedAt: ['dateTime'],
  verificationTitle: [],
  verification: [],
  footer: ['awardNumber', 'version', 'page', 'pages'],
} as const satisfies Record<string, readonly string[]>;
type TextKey = keyof typeof TEXT_KEYS;

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

export class TemplateError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Letter template ${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Checks a parsed template file: every sentence, type and country present, only known placeholders. Throws listing every problem. */
export function parseTemplate(raw: unknown, source: string): LetterTemplate {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new TemplateError(source, ['the file must hold one JSON object']);
  for (const key of ['language', 'languageName', 'locale'] as const) if (!nonEmpty(raw[key])) problems.push(`${key} is required`);
  if (nonEmpty(raw.locale)) {
    try {
      new Intl.DateTimeFormat(raw.locale);
    } catch {
      problems.push(`locale ${raw.locale} is not a BCP 47 locale`);
    }
  }
  const number = isRecord(raw.number) ? raw.number : {};
  if (typeof number.group !== 'string' || number.group.length > 1) problems.push('number.group must be one character (or empty)');
  if (typeof number.decimal !== 'string' || number.decimal.length !== 1) problems.push('number.decimal must be one character');
  const text = isRecord(raw.text) ? raw.text : {};
  for (const [key, allowed] of Object.entries(TEXT_KEYS)) {
    const value = text[key];
    if (!nonEmpty(value)) {
      problems.push(`text.${key} is missing`);
      continue;
    }
    for (const [, name] of value.matchAll(PLACEHOLDER)) {
      if (!(allowed as readonly string[]).includes(name))
        problems.push(
          `text.${key} uses {${name}}; it may use ${allowed.length ? allowed.map((a) => `{${a}}`).join(', ') : 'no placeholders'}`,
        );
    }
  }
  for (const key of Object.keys(text)) if (!Object.hasOwn(TEXT_KEYS, key)) problems.push(`text.${key} is not a sentence of the letter`);
  const types = isRecord(raw.types) ? raw.types : {};
  for (const type of ASSISTANCE_TYPES) if (!nonEmpty(types[type])) problems.push(`types.${type} is missing`);
  const countries = isRecord(raw.countries) ? raw.countries : {};
  for (const country of PROGRAM_COUNTRIES) if (!nonEmpty(countries[country])) problems.push(`countries.${country} is missing`);
  if (problems.length) throw new TemplateError(source, problems);
  return raw as unknown as LetterTemplate;
}

/** `fill('page {page} of {pages}', { page: 1, pages: 2 })` → "page 1 of 2". */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
