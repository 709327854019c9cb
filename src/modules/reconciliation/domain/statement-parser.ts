import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { type LineProblem, readHeader, readLine, type StatementLine } from './statement-csv.js';

/** Problems listed at most; a file with more says how many it has. */
const MAX_PROBLEMS = 100;

export class StatementTooLarge extends Error {}

/**
 * Reads a bank statement as it streams in (csv-parse): every line checked, every problem kept with
 * its line number. A file with any problem is refused as a whole, so nothing of it is imported.
 */
export async function parseStatement(
  input: Readable,
  maxBytes: number,
  latestBookingDate?: string,
): Promise<{ lines: StatementLine[] } | { problems: LineProblem[]; more: number }> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  let bytes = 0;
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes && !parser.destroyed) {
      // stop parsing but read the rest of the upload and drop it: destroying the request would reset
      // the connection, and the client would never see its 413
      input.unpipe(parser);
      input.resume();
      parser.destroy(new StatementTooLarge());
    }
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);

  const lines: StatementLine[] = [];
  const problems: LineProblem[] = [];
  let more = 0;
  let broken = false;
  const problem = (line: number, message: string) => (problems.length < MAX_PROBLEMS ? problems.push({ line, message }) : more++);
  let header: ReturnType<typeof readHeader> | null = null as ReturnType<typeof readHeader> | null;
  let width = 0;
  const seen = new Map<string, number>();
  const onRecord = ({ record, info }: { record: string[]; info: { lines: number } }): boolean => {
    if (!header) {
      header = readHeader(record);
      width = record.length;
      if ('problems' in header) {
        for (const p of header.problems) problem(info.lines, p);
        return false;
      }
      return true;
    }
    if (!('index' in header)) return false;
    const line = readLine(record, info.lines, header.index, width, latestBookingDate);
    if (Array.isArray(line)) {
      for (const p of line) problem(info.lines, p);
      return true;
    }
    const earlier = seen.get(line.bankTransactionId);
    if (earlier !== undefined)
      problem(info.lines, `bankTransactionId ${line.bankTransactionId.slice(0, 40)} is already on line ${earlier}`);
    else seen.set(line.bankTransactionId, info.lines);
    lines.push(line);
    return true;
  };
  try {
    // read synchronously whatever the parser holds (an async iterator would cost a promise per line)
    await new Promise<void>((resolve, reject) => {
      let stopped = false;
      parser.on('readable', () => {
        let entry: { record: string[]; info: { lines: number } } | null;
        while (!stopped && (entry = parser.read() as typeof entry) !== null) {
          if (!onRecord(entry)) {
            stopped = true;
            input.unpipe(parser);
            input.resume();
            resolve();
          }
        }
      });
      parser.on('end', () => resolve());
      parser.on('error', reject);
    });
  } catch (err) {
    if (err instanceof StatementTooLarge) throw err;
    if (!(err instanceof CsvError)) throw err;
    broken = true;
    problem(
      (err as CsvError & { lines?: number }).lines ?? 0,
      `not valid CSV: ${err.message.replace(/^Invalid [^:]*: /, '').slice(0, 200)}`,
    );
  }
  // a CSV error can come before the lines ahead of it were read: the file is not empty then
  if (!header && !broken)
    problem(1, 'the file is empty: a header row is required (bookingDate,amount,currency,reference,counterparty,bankTransactionId)');
  return problems.length ? { problems, more } : { lines };
}
