import { groupMinor, toMinor } from '../../../common/money/money.js';
import type { LetterTemplate } from './letter-template.js';

/**
 * Everything one version of an award letter says, fixed when the version is created: rendering is a
 * pure function of this and the template, so a retry renders exactly what was decided. Holds the
 * beneficiary's code only, never a name or any other personal data.
 */
export interface LetterContent {
  awardNumber: string;
  version: number;
  /** The letter's date: the approval, or the amendment (ISO 8601). */
  issuedOn: string;
  fund: { name: string; country: string };
  organisation: { name: string; address: string | null };
  beneficiaryCode: string;
  applicationReference: string;
  currency: string;
  amount: string;
  items: { type: string; description: string; amount: string }[];
  conditions: string | null;
  approvers: { name: string; at: string }[];
  amendment: { previousVersion: number; reason: string } | null;
  verificationCode: string;
  verificationUrl: string;
}

/** "1 500 000,50" in the template's digit grouping. */
export function letterMoney(amount: string, template: Pick<LetterTemplate, 'number'>): string {
  return groupMinor(toMinor(amount), template.number);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "1 December 2026", "1 декабря 2026 г." (UTC). Formatters are cached per locale. */
export function letterDate(iso: string, locale: string): string {
  let f = dateFormats.get(locale);
  if (!f)
    dateFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(iso));
}

/** "01.12.2026, 14:05" style, per locale, 24-hour, UTC. */
export function letterDateTime(iso: string, locale: string): string {
  let f = dateTimeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
    dateTimeFormats.set(locale, f);
  }
  return f.format(new Date(iso));
}

/** Groups of four for reading aloud or typing: `7K3QF...` → `7K3Q-F...`. */
export function displayCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}
