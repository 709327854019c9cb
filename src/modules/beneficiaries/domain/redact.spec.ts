import { describe, expect, it } from '@jest/globals';
import { personalDataRedactor, REDACTED } from './redact.js';

describe('personalDataRedactor', () => {
  const redact = personalDataRedactor({
    fullName: 'Айгуль Нурланова',
    dateOfBirth: '1991-04-02',
    documentNumber: 'N 1234567',
    phone: '+7 701 555 12 34',
  });

  it('blanks the name, also inflected, in any case', () => {
    expect(redact('Паспорт для Айгуль Нурлановой')).toBe(`Паспорт для ${REDACTED} ${REDACTED}`);
    expect(redact('АЙГУЛЬ, nurlanova')).toBe(`${REDACTED}, nurlanova`); // Latin spelling is another word
  });

  it('blanks the date of birth in the usual spellings', () => {
    expect(redact('born 1991-04-02, 02.04.1991 or 2/4/1991')).toBe(`born ${REDACTED}, ${REDACTED} or ${REDACTED}`);
  });

  it('blanks the document number and the phone whatever the separators', () => {
    expect(redact('passport N1234567 and N 123-4567')).toBe(`passport ${REDACTED} and ${REDACTED}`);
    expect(redact('call 8(701)555-12-34 or 77015551234')).toBe(`call ${REDACTED} or ${REDACTED}`);
  });

  it('leaves other words alone, including those that only contain the name', () => {
    expect(redact('Food kit and shelter for 10 days')).toBe('Food kit and shelter for 10 days');
    expect(redact('Айгульжан')).toBe('Айгульжан'); // more than three letters past the stem
  });

  it('matches name parts with digits as written', () => {
    expect(personalDataRedactor({ fullName: 'Anna Test1', dateOfBirth: '2000-01-01' })('for Test1 and Test12')).toBe(
      `for ${REDACTED} and Test12`,
    );
  });

  it('ignores short name parts and missing optional fields', () => {
    const r = personalDataRedactor({ fullName: 'Li Bo', dateOfBirth: '2000-01-01' });
    expect(r('Li Bo visited the clinic')).toBe('Li Bo visited the clinic');
    expect(r('born 01.01.2000')).toBe(`born ${REDACTED}`);
  });
});
