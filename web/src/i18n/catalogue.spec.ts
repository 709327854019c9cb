import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '../../../src/error-codes.js';
import { RULE_CODES } from '../../../src/modules/eligibility/domain/rule-codes.js';

// Every code the API can answer with has words in every language of the app: a Russian user never
// reads an English server sentence. A language is a folder here with the same files as en/.
const dir = 'web/src/i18n';
const languages = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const catalogue = (lng: string, ns: string) => JSON.parse(readFileSync(`${dir}/${lng}/${ns}.json`, 'utf8')) as Record<string, unknown>;

/** Every key path of a catalogue, `a.b.c`, with its plural suffixes folded (`unread_one` → `unread`). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogues', () => {
  it('has Russian and English', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'ru']));
  });

  it.each(languages)('%s: every API error code has a message', (lng) => {
    const errors = catalogue(lng, 'errors');
    expect(ERROR_CODES.filter((code) => typeof errors[code] !== 'string')).toEqual([]);
    expect(typeof errors.UNKNOWN).toBe('string');
    expect(typeof errors.NETWORK).toBe('string');
  });

  it.each(languages)('%s: every eligibility rule has a title and a message for when it fails', (lng) => {
    const rules = catalogue(lng, 'eligibility') as Record<string, { title?: string; fail?: string }>;
    expect(RULE_CODES.filter((code) => !rules[code]?.title || !rules[code]?.fail)).toEqual([]);
  });

  it.each(languages.filter((l) => l !== 'en'))('%s has every key English has, and no other', (lng) => {
    for (const ns of ['common', 'errors', 'eligibility']) {
      expect([...new Set(keys(catalogue(lng, ns)))].sort()).toEqual([...new Set(keys(catalogue('en', ns)))].sort());
    }
  });

  it.each(languages)('%s: the plural forms are those of the language (Intl.PluralRules)', (lng) => {
    const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
    const text = JSON.stringify(catalogue(lng, 'common'));
    for (const base of new Set([...text.matchAll(/"(\w+)_(?:zero|one|two|few|many|other)"/g)].map((m) => m[1]))) {
      for (const form of forms) expect(text).toContain(`"${base}_${form}"`);
    }
  });
});
