import { describe, expect, it } from '@jest/globals';
import { csvField } from '../../../common/csv/csv.js';
import { bankCsv } from './bank-csv.js';

describe('bank export CSV', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('Sana Sezim')).toBe('Sana Sezim');
    expect(csvField('Smith, Jones & Co')).toBe('"Smith, Jones & Co"');
    expect(csvField('The "Best" Clinic')).toBe('"The ""Best"" Clinic"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula, but not amounts', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-1', false)).toBe('-1');
  });

  it('writes the documented header and one CRLF line per payment', () => {
    const csv = bankCsv([
      {
        paymentReference: 'PAY-KZ-2026-000001',
        amount: '45000.00',
        currency: 'KZT',
        payeeName: 'Sana Sezim',
        iban: 'KZ20601A871001726091',
        bic: 'HSBKKZKX',
        awardNumber: 'AWD-KZ-2026-00001',
      },
    ]);
    expect(csv).toBe(
      'paymentReference,amount,currency,payeeName,iban,bic,awardNumber\r\nPAY-KZ-2026-000001,45000.00,KZT,Sana Sezim,KZ20601A871001726091,HSBKKZKX,AWD-KZ-2026-00001\r\n',
    );
  });
});
