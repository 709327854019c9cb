import type { VerificationResponse } from './dto/letter.dto.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a public page about a letter shows: a verdict, what the letter states, links and notes; every text in English and Russian. */
export interface LetterPage {
  title: string;
  /** `valid` reads green, `pending` amber, anything else red. */
  verdict: { kind: 'valid' | 'superseded' | 'pending' | 'unknown'; text: string };
  rows: [label: string, value: string][];
  links?: { href: string; text: string }[];
  notes?: string[];
}

/** The SHA-256 row's explanation, on every page that shows one. */
export const SHA256_NOTE =
  'The SHA-256 is the checksum of the PDF as issued: compare it with the file you were given. / SHA-256 — контрольная сумма PDF-файла при выдаче.';

/**
 * A small public page about an award letter (verification, a shared link): no scripts, every value
 * escaped, nothing but what the caller puts in. The API's content security policy allows its
 * inline styles and nothing else.
 */
export function letterPage(page: LetterPage): string {
  const { verdict, rows, links = [], notes = [] } = page;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(page.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}
.valid{color:#135f2b}.pending{color:#594d00}.superseded,.unknown{color:#8a1c1c}td{padding:.25rem .75rem .25rem 0;vertical-align:top}td+td{word-break:break-all}
a{display:inline-block;padding:.5rem 0;font-weight:700}</style></head>
<body><h1>Emergency Fund — award letter</h1><p class="${verdict.kind}"><strong>${escape(verdict.text)}</strong></p>
${rows.length ? `<table>${rows.map(([k, v]) => `<tr><td>${escape(k)}</td><td><strong>${escape(v)}</strong></td></tr>`).join('')}</table>` : ''}
${links.map((l) => `<p><a href="${escape(l.href)}">${escape(l.text)}</a></p>`).join('\n')}
${notes.map((n) => `<p><small>${escape(n)}</small></p>`).join('\n')}
</body></html>`;
}

/**
 * What a person who scans a letter's QR code with a phone sees: the verification answer as a small
 * page in English and Russian, no scripts, nothing but what the JSON answer holds.
 */
export function verificationPage(result: VerificationResponse | null): string {
  const rows: LetterPage['rows'] = result
    ? [
        ['Award number / Номер', result.awardNumber],
        ['Version / Версия', `${result.version} (current / действующая: ${result.currentVersion})`],
        ['Dated / Дата', result.date],
        ['Amount / Сумма', `${result.amount} ${result.currency}`],
        ['Organisation / Организация', result.organisation],
        ['SHA-256', result.sha256],
      ]
    : [];
  const verdict: LetterPage['verdict'] = !result
    ? { kind: 'unknown', text: 'No letter has this code. / Письма с таким кодом нет.' }
    : result.valid
      ? { kind: 'valid', text: 'Genuine and current. / Подлинное и действующее.' }
      : {
          kind: 'superseded',
          text: `Genuine, but replaced by version ${result.currentVersion}. / Подлинное, но заменено версией ${result.currentVersion}.`,
        };
  return letterPage({ title: 'Award letter verification', verdict, rows, notes: [SHA256_NOTE] });
}
