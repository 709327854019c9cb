import { describe, expect, it } from '@jest/globals';
import { normaliseDocumentNumber, normaliseName, personKey } from './person-key.js';

describe('normaliseName', () => {
  it('ignores case, extra spaces, hyphens and word order', () => {
    expect(normaliseName('  Anna   IVANOVA ')).toBe(normaliseName('ivanova anna'));
    expect(normaliseName('Anna-Maria Ivanova')).toBe(normaliseName('Ivanova Anna Maria'));
  });

  it('matches Cyrillic written with Latin look-alike letters', () => {
    // "Саша Орлова" typed with Latin C, a, O and a
    expect(normaliseName('Cаша Oрлова')).toBe(normaliseName('Саша Орлова'));
    expect(normaliseName('AЙГЕРИМ КACЫМОВA')).toBe(normaliseName('Айгерим Касымова'));
  });

  it('matches a Cyrillic name with its usual Latin spelling', () => {
    expect(normaliseName('Анна Иванова')).toBe(normaliseName('Anna Ivanova'));
    expect(normaliseName('Жасур Хасанов')).toBe(normaliseName('Jasur Xasanov'));
    expect(normaliseName('Фёдор')).toBe(normaliseName('Fedor'));
  });

  it('handles Kazakh, Tajik and Uzbek letters and Uzbek apostrophes', () => {
    expect(normaliseName('Қасымова Әсел')).toBe(normaliseName('Kasymova Asel'));
    expect(normaliseName('Ҷамшед Раҳимов')).toBe(normaliseName('Jamshed Rahimov'));
    expect(normaliseName('Oʻgʻiloy')).toBe(normaliseName("O'g'iloy"));
    expect(normaliseName('Ўғилой')).toBe(normaliseName('Ogiloy'));
  });

  it('drops Latin diacritics', () => {
    expect(normaliseName('Gülnara Şükürova')).toBe(normaliseName('Gulnara Sukurova'));
  });

  it('keeps different people apart', () => {
    expect(normaliseName('Anna Ivanova')).not.toBe(normaliseName('Anna Ivanov'));
    expect(normaliseName('Саша Орлова')).not.toBe(normaliseName('Маша Орлова'));
  });
});

describe('personKey', () => {
  it('combines the normalised name and the date of birth', () => {
    expect(personKey('Anna Ivanova', '1991-04-02')).toBe(personKey('ИВАНОВА Анна', '1991-04-02'));
    expect(personKey('Anna Ivanova', '1991-04-02')).not.toBe(personKey('Anna Ivanova', '1991-04-03'));
  });
});

describe('normaliseDocumentNumber', () => {
  it('ignores spaces, dashes, case and Cyrillic look-alikes', () => {
    expect(normaliseDocumentNumber('n 1234-567')).toBe('N1234567');
    expect(normaliseDocumentNumber('АВ 123456')).toBe(normaliseDocumentNumber('ab123456'));
  });
});
