import { describe, expect, it } from '@jest/globals';
import { nameSkeleton, personalDataRedactor, REDACTED } from './redact.js';

const R = REDACTED;

describe('nameSkeleton', () => {
  it('gives the Latin and Cyrillic spellings of one name the same skeleton', () => {
    const same = (...names: string[]) => expect(new Set(names.map(nameSkeleton)).size).toBe(1);
    same('Юрий', 'Yuriy', 'Yuri', 'Iouri', 'Jurij', 'YURY');
    same('Хуршида', 'Khurshida', 'Xurshida', 'Hurshida', 'Xurşida');
    same('Айгуль', 'Aigul', 'Aygul', 'Ajgul', 'Aigul\u200B', 'AIGUL');
    same('Елена', 'Yelena', 'Elena', 'Ielena');
    same('Жасур', 'Jasur', 'Zhasur', 'Dzhasur');
    same('Нурланова', 'Nurlanova', 'Nurlanowa');
    same('Қайрат', 'Qairat', 'Kairat', 'Kayrat');
    same('Ғулом', 'Gʻulom', "G'ulom", 'Ghulom');
    same('Мария', 'Maria', 'Mariya');
  });
});

describe('personalDataRedactor', () => {
  const redact = personalDataRedactor({
    fullName: 'Айгуль Нурланова',
    dateOfBirth: '1991-04-02',
    documentNumber: 'N 1234567',
    phone: '+7 701 555 12 34',
  });

  it('blanks the name, also inflected, in any case', () => {
    expect(redact('Паспорт для Айгуль Нурлановой')).toBe(`Паспорт для ${R} ${R}`);
    expect(redact('АЙГУЛЬ, nurlanova')).toBe(`${R}, ${R}`);
  });

  it('blanks a name registered in Latin and written in Cyrillic, reordered, with invisible characters', () => {
    const r = personalDataRedactor({ fullName: 'Aigul Nurlanova', dateOfBirth: '1990-03-14' });
    expect(r('Для Нурлановой Айгуль')).toBe(`Для ${R} ${R}`);
    expect(r('for NURLANOVA aygul')).toBe(`for ${R} ${R}`);
    expect(r('for Nur\u200Blan\u00ADova Ai\u2060gul\uFEFF')).toBe(`for ${R} ${R}`);
    expect(r('for \u202Eavonalrun\u202C')).not.toContain('\u202E');
  });

  it('blanks a name registered in Cyrillic and written in Latin transliterations', () => {
    const r = personalDataRedactor({ fullName: 'Хуршида Юлдашева', dateOfBirth: '1990-03-14' });
    expect(r('Xurshida Yuldasheva needs shelter')).toBe(`${R} ${R} needs shelter`);
    expect(r('Khurshida Iouldacheva')).toBe(`${R} Iouldacheva`); // French "ch" for ш is one spelling too far
    expect(r('Hurshida Juldaševa')).toBe(`${R} ${R}`);
  });

  it('blanks the date of birth in the usual spellings', () => {
    expect(redact('born 1991-04-02, 02.04.1991 or 2/4/1991')).toBe(`born ${R}, ${R} or ${R}`);
    const r = personalDataRedactor({ fullName: 'Anna Test', dateOfBirth: '1990-03-14' });
    for (const dob of [
      '1990-03-14',
      '14.03.1990',
      '14/03/1990',
      '14 03 1990',
      '14-3-1990',
      '14031990',
      '14.03.90',
      '1990/03/14',
      '03/14/1990',
    ])
      expect(r(`DOB ${dob}.`)).toBe(`DOB ${R}.`);
    for (const dob of [
      '14 March 1990',
      '14th March, 1990',
      'March 14, 1990',
      '14 Mar 1990',
      '14 марта 1990',
      '14-го марта 1990 г.',
      '14 МАРТА 1990',
    ])
      expect(r(`born ${dob}`)).toMatch(new RegExp(`^born \\*\\*\\*(?: г\\.)?$`));
    expect(r('14 April 1990 and 15 March 1990')).toBe('14 April 1990 and 15 March 1990');
  });

  it('blanks the document number and the phone whatever the separators', () => {
    expect(redact('passport N1234567 and N 123-4567, n.1234567')).toBe(`passport ${R} and ${R}, ${R}`);
    expect(redact('passport number 1234567')).toBe(`passport number ${R}`);
    expect(redact('call 8(701)555-12-34 or 77015551234')).toBe(`call ${R} or ${R}`);
    const kg = personalDataRedactor({
      fullName: 'Anna Test',
      dateOfBirth: '1990-03-14',
      documentNumber: 'AN 1234567',
      phone: '+996 555 123 456',
    });
    for (const phone of [
      '+996 555 123 456',
      '+996555123456',
      '0555-123-456',
      '0555 123456',
      '(555)123456',
      '(0555) 12-34-56',
      '996-555-123-456',
    ])
      expect(kg(`tel. ${phone}, ok`)).toBe(`tel. ${R}, ok`);
    expect(kg('паспорт АН 1234567')).toBe(`паспорт ${R}`); // Cyrillic look-alike letters
    expect(kg('an-1234.567; ан1234567')).toBe(`${R}; ${R}`); // any case, separators inside
    // its letters inside a longer word are not the document; its digits alone still are
    expect(kg('XAN1234567 AN 123456')).toBe(`XAN${R} AN 123456`);
  });

  it('blanks a written date of birth only when day, month and year are the person’s', () => {
    const r = personalDataRedactor({ fullName: 'Anna Test', dateOfBirth: '1990-03-05', documentNumber: null, phone: null });
    expect(r('born 5 March 1990, 05-го марта 1990 г., 1990 ж. 5 наурыз; not 5 March 1991, 6 March 1990, 5 May 1990')).toBe(
      `born ${R}, ${R} г., ${R}; not 5 March 1991, 6 March 1990, 5 May 1990`,
    );
  });

  it('leaves other words alone, including those that only contain the name', () => {
    expect(redact('Food kit and shelter for 10 days, 1500.00 KZT')).toBe('Food kit and shelter for 10 days, 1500.00 KZT');
    expect(redact('Айгульбарчын')).toBe('Айгульбарчын'); // more than three letters past the stem
  });

  it('matches name parts with digits as written', () => {
    expect(personalDataRedactor({ fullName: 'Anna Test1', dateOfBirth: '2000-01-01' })('for Test1 and Test12')).toBe(`for ${R} and Test12`);
  });

  it('ignores short name parts and missing optional fields', () => {
    const r = personalDataRedactor({ fullName: 'Li Bo', dateOfBirth: '2000-01-01' });
    expect(r('Li Bo visited the clinic')).toBe('Li Bo visited the clinic');
    expect(r('born 01.01.2000')).toBe(`born ${R}`);
  });

  it('drops invisible characters and keeps line breaks', () => {
    expect(redact('a\u200Bb\nc\u202Ed')).toBe('ab\ncd');
  });
});
