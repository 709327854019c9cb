/** The private part of a beneficiary, as far as free text may repeat it. */
export interface PersonalData {
  fullName: string;
  dateOfBirth: string;
  documentNumber?: string | null;
  phone?: string | null;
}

export const REDACTED = '***';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOT_WORD = '[\\p{L}\\p{N}]';

/**
 * Builds a function that blanks out the person's name, date of birth, document number and phone in
 * free text that leaves the NGO (award items and conditions, hence letters and exports). Case workers
 * write descriptions like "Passport fees for Aigul Nurlanova"; the letter must still name nobody.
 * Name words of five letters or more also match their inflected forms (Нурланова → Нурлановой), so
 * it errs towards blanking too much.
 */
export function personalDataRedactor(pii: PersonalData): (text: string) => string {
  const patterns: string[] = [];
  for (const word of pii.fullName.normalize('NFC').split(/[^\p{L}\p{M}\p{N}'ʻʼ’-]+/u)) {
    const part = word.replace(/^[-'ʻʼ’]+|[-'ʻʼ’]+$/g, '');
    const chars = [...part];
    if (chars.length < 3) continue;
    // inflected forms only for words of letters; a part with digits is matched as written
    if (chars.length >= 5 && /^[\p{L}\p{M}'ʻʼ’-]+$/u.test(part)) patterns.push(`${escape(chars.slice(0, -1).join(''))}\\p{L}{0,3}`);
    else patterns.push(escape(part));
  }
  const [y, m, d] = pii.dateOfBirth.split('-');
  if (y && m && d) patterns.push(`${y}-${m}-${d}`, `${d}[./]${m}[./]${y}`, `${+d}[./]${+m}[./]${y}`);
  const doc = (pii.documentNumber ?? '').replace(/[^\p{L}\p{N}]/gu, '');
  if ([...doc].length >= 4) patterns.push([...doc].map(escape).join('[\\s-]?'));
  const phone = (pii.phone ?? '').replace(/\D/g, '');
  // the national number (last ten digits), with or without a country or trunk prefix, any separators
  if (phone.length >= 7) patterns.push(`(?:\\+?\\d{1,3}[\\s(]*)?${phone.slice(-10).split('').join('[\\s()+.-]*')}`);
  if (!patterns.length) return (text) => text;
  const re = new RegExp(`(?<!${NOT_WORD})(?:${patterns.join('|')})(?!${NOT_WORD})`, 'giu');
  return (text) => text.normalize('NFC').replace(re, REDACTED);
}
