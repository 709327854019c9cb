import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { STATEMENT_COLUMNS } from './statement-csv.js';
import { parseStatement, StatementTooLarge } from './statement-parser.js';

describe('parseStatement', () => {
  it('refuses a statement over the limit and reads the rest of it, so the request can still be answered with 413', async () => {
    const input = new PassThrough();
    const ended = once(input, 'end');
    const parsing = parseStatement(input, 1024);
    input.write(`${STATEMENT_COLUMNS.join(',')}\n`);
    for (let i = 0; i < 100; i++) input.write(`2026-11-30,-1.00,KZT,,Someone,tx-${i}\n`);
    input.end();
    await expect(parsing).rejects.toBeInstanceOf(StatementTooLarge);
    // found by the fuzz test: destroying the request reset the connection before the 413 went out;
    // `once` rejects if the stream errors instead of ending
    await ended;
    expect(input.errored).toBeNull();
  });

  it('reads a statement within the limit', async () => {
    const input = new PassThrough();
    const parsing = parseStatement(input, 1024);
    input.end(`${STATEMENT_COLUMNS.join(',')}\n2026-11-30,-1.00,KZT,,Someone,tx-1\n`);
    const parsed = await parsing;
    expect('lines' in parsed && parsed.lines.map((l) => l.bankTransactionId)).toEqual(['tx-1']);
  });
});

describe('parseStatement, malformed CSV', () => {
  const parse = (text: string) => {
    const input = new PassThrough();
    const parsing = parseStatement(input, 1 << 20);
    input.end(text);
    return parsing;
  };

  it('names the line of a broken quote after good lines, and only that (not "the file is empty")', async () => {
    const good = '2026-11-30,-1.00,KZT,,Someone,tx-1';
    const header = STATEMENT_COLUMNS.join(',');
    for (const [text, line] of [
      [`${header}\n${good}\n2026-11-30,"-2.00"x,KZT,,S,tx-2\n`, 3],
      [`${header}\r\n${good}\r\n2026-11-30,a"b,KZT,,S,tx-2\r\n`, 3],
      [`${header}\n2026-11-30,"-2.00"x,KZT,,S,tx-2\n`, 2],
      [`bookingDate,"amount"x,currency,reference,counterparty,bankTransactionId\n${good}\n`, 1],
      [`${header}\n${good}\n2026-11-30,-2.00,KZT,"PAY-KZ-2026-000001,Someone,tx-2\n`, 3],
    ] as const) {
      const parsed = await parse(text);
      expect('problems' in parsed && parsed.problems).toEqual([{ line, message: expect.stringMatching(/^not valid CSV: /) }]);
    }
    expect(await parse('')).toEqual({ problems: [{ line: 1, message: expect.stringMatching(/^the file is empty/) }], more: 0 });
  });
});

describe('parseStatement, booking dates', () => {
  it('refuses lines booked after the latest day it is given, naming each', async () => {
    const input = new PassThrough();
    const parsing = parseStatement(input, 1 << 20, '2026-12-02');
    input.end(`${STATEMENT_COLUMNS.join(',')}\n2026-12-02,-1.00,KZT,,A,tx-1\n2062-12-01,-1.00,KZT,,B,tx-2\n2026-12-03,-1.00,KZT,,C,tx-3\n`);
    const parsed = await parsing;
    expect('problems' in parsed && parsed.problems).toEqual([
      { line: 3, message: 'bookingDate 2062-12-01 is in the future: a statement shows what the bank has booked' },
      { line: 4, message: 'bookingDate 2026-12-03 is in the future: a statement shows what the bank has booked' },
    ]);
  });
});
