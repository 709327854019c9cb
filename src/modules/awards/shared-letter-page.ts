import { letterPage, SHA256_NOTE } from '../letters/verification-page.js';
import type { SharedLetterResponse } from './dto/share-link.dto.js';

/** `2026-12-31 12:00 UTC`: unambiguous in both languages. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * What the clinic or landlord who opens a shared link sees: the verification page's layout with
 * what the current letter states, until when the link works and where the PDF downloads. Never the
 * beneficiary (neither name nor code). Without a working link, one page for expired, withdrawn and
 * unknown links alike.
 */
export function sharedLetterPage(shared: SharedLetterResponse | null): string {
  if (!shared) {
    return letterPage({
      title: 'Shared award letter',
      verdict: {
        kind: 'unknown',
        text:
          'This link has expired or was withdrawn, or it does not exist. Ask the organisation that sent it for a new one. / ' +
          'Срок действия ссылки истёк или она отозвана, или такой ссылки нет. Попросите новую у организации, которая её прислала.',
      },
      rows: [],
    });
  }
  const verdict: Parameters<typeof letterPage>[0]['verdict'] =
    shared.status === 'current'
      ? { kind: 'valid', text: 'Genuine and current: the award letter as the fund issued it. / Подлинное и действующее письмо фонда.' }
      : {
          kind: 'pending',
          text: 'The current letter is being prepared: try again in a minute. / Действующее письмо готовится: попробуйте через минуту.',
        };
  const rows: [string, string][] = [
    ['Award number / Номер', shared.awardNumber],
    ['Version / Версия', `${shared.version} (current / действующая)`],
    ['Dated / Дата', shared.date],
    ['Amount / Сумма', `${shared.amount} ${shared.currency}`],
    ['Organisation / Организация', shared.organisation],
    ...(shared.sha256 ? ([['SHA-256', shared.sha256]] as [string, string][]) : []),
    ['Link works until / Ссылка действует до', utc(shared.expiresAt)],
  ];
  const notes = [
    ...(shared.amendedSinceShared
      ? [
          `The award was amended after this link was sent: this is its current version ${shared.version}. / ` +
            `Грант изменён после отправки ссылки: это его действующая версия ${shared.version}.`,
        ]
      : []),
    SHA256_NOTE,
  ];
  return letterPage({
    title: 'Shared award letter',
    verdict,
    rows,
    links: shared.status === 'current' ? [{ href: shared.letterUrl, text: 'Download the letter (PDF) / Скачать письмо (PDF)' }] : [],
    notes,
  });
}
