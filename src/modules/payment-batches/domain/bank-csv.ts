import { csvField } from '../../../common/csv/csv.js';

/** Columns of the bank export (SPEC section 6). */
const EXPORT_COLUMNS = ['paymentReference', 'amount', 'currency', 'payeeName', 'iban', 'bic', 'awardNumber'] as const;

export type ExportLine = Record<(typeof EXPORT_COLUMNS)[number], string>;

/** The whole file: a header row, one line per payment, CRLF line ends (what banks' importers expect). */
export function bankCsv(lines: ExportLine[]): string {
  const numeric = new Set(['amount']);
  return (
    [EXPORT_COLUMNS.join(','), ...lines.map((l) => EXPORT_COLUMNS.map((c) => csvField(l[c], !numeric.has(c))).join(','))].join('\r\n') +
    '\r\n'
  );
}
