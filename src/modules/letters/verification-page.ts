import type { VerificationResponse } from './dto/letter.dto.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What a person who scans a letter's QR code with a phone sees: the verification answer as a small
 * page in English and Russian, no scripts, nothing but what the JSON answer holds.
 */
export function verificationPage(result: VerificationResponse | null): string {
  const rows = result
    ? [
        ['Award number / Номер', result.awardNumber],
        ['Version / Версия', `${result.version} (current / действующая: ${result.currentVersion})`],
        ['Dated / Дата', result.date],
        ['Amount / Сумма', `${result.amount} ${result.currency}`],
        ['Organisation / Организация', result.organisation],
        ['SHA-256', result.sha256],
      ]
    : [];
  const verdict = !result
    ? ['unknown', 'No letter has this code. / Письма с таким кодом нет.']
    : result.valid
      ? ['valid', 'Genuine and current. / Подлинное и действующее.']
      : [
          'superseded',
          `Genuine, but replaced by version ${result.currentVersion}. / Подлинное, но заменено версией ${result.currentVersion}.`,
        ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Award letter verification</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}
.valid{color:#135f2b}.superseded,.unknown{color:#8a1c1c}td{padding:.25rem .75rem .25rem 0;vertical-align:top}td+td{word-break:break-all}</style></head>
<body><h1>Emergency Fund — award letter</h1><p class="${verdict[0]}"><strong>${escape(verdict[1])}</strong></p>
${rows.length ? `<table>${rows.map(([k, v]) => `<tr><td>${escape(k)}</td><td><strong>${escape(v)}</strong></td></tr>`).join('')}</table>` : ''}
<p><small>The SHA-256 is the checksum of the PDF as issued: compare it with the file you were given. / SHA-256 — контрольная сумма PDF-файла при выдаче.</small></p>
</body></html>`;
}
