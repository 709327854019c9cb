import { describe, expect, it } from '@jest/globals';
import { reportCsv } from './report-csv.js';

describe('reportCsv', () => {
  it('writes nested fields as dotted columns, a null object as its empty columns, one decimal for percentages', () => {
    const csv = reportCsv([
      { name: 'EF, Kazakhstan', local: { budget: '10.00' }, usd: null, femalePercent: 50, missing: ['2026-10', '2026-11'], met: null },
      { name: '=cmd', local: { budget: '5.00' }, usd: { budget: '0.01' }, femalePercent: 33.3, missing: [], met: true },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'name,local.budget,usd.budget,femalePercent,missing,met',
      '"EF, Kazakhstan",10.00,,50.0,2026-10 2026-11,',
      "'=cmd,5.00,0.01,33.3,,true",
      '',
    ]);
  });

  it('writes an empty document when there are no rows', () => {
    expect(reportCsv([])).toBe('\r\n');
  });
});
