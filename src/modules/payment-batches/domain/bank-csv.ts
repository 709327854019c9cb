/** Columns of the bank export (SPEC section 6). */
export const EXPORT_COLUMNS = ['paymentReference', 'amount', 'currency', 'payeeName', 'iban', 'bic', 'awardNumber'] as const;

export type ExportLine = Record<(typeof EXPORT_COLUMNS)[number], string>;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe, so a
 * supplier named "=HYPERLINK(…)" cannot run anything on finance's computer.
 */
export function csvField(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: a header row, one line per payment, CRLF line ends (what banks' importers expect). */
export function bankCsv(lines: ExportLine[]): string {
  const numeric = new Set(['amount']);
  return [EXPORT_COLUMNS.join(','), ...lines.map((l) => EXPORT_COLUMNS.map((c) => csvField(l[c], !numeric.has(c))).join(','))].join('\r\n') + '\r\n';
}
