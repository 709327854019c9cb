import { describe, expect, it } from '@jest/globals';
import { BENEFICIARY_CODE_PATTERN, generateBeneficiaryCode } from './beneficiary-code.js';

describe('generateBeneficiaryCode', () => {
  it('makes codes like BEN-KZ-7K3QF', () => {
    for (let i = 0; i < 200; i++) expect(generateBeneficiaryCode('KZ')).toMatch(BENEFICIARY_CODE_PATTERN);
  });

  it('uses no ambiguous letters', () => {
    const code = generateBeneficiaryCode('UZ', () => 31);
    expect(code).toBe('BEN-UZ-ZZZZZ');
    expect(generateBeneficiaryCode('UZ', () => 0)).toBe('BEN-UZ-00000');
  });
});
