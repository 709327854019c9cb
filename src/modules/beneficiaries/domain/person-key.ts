/**
 * Normalisation behind the duplicate-person hash. The same person typed by two case workers should
 * give the same key: case, spacing, punctuation, word order, diacritics, ё/е, Cyrillic letters
 * typed with Latin look-alikes (and the reverse), and Cyrillic vs Latin spelling of common letters.
 */

// Latin letters that look like Cyrillic ones; inside a word that has Cyrillic letters they are Cyrillic.
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  i: 'і',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};

// One Latin spelling per Cyrillic letter (Russian, Kazakh, Kyrgyz, Tajik, Uzbek Cyrillic).
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  ӣ: 'i',
  ӯ: 'u',
  ҳ: 'h',
  ҷ: 'j',
  ў: 'o',
};

const CYRILLIC = /[\u0400-\u04FF]/;

function normaliseWord(word: string): string {
  let w = word;
  if (CYRILLIC.test(w)) {
    w = [...w].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
    w = [...w].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join('');
  }
  // Latin spellings that differ only by a common transliteration choice
  return w.replace(/x/g, 'kh').replace(/j/g, 'zh').replace(/yo/g, 'e').replace(/ye/g, 'e');
}

/** A name reduced to its comparable form: "  Ivanova-Anna " and "Анна ИВАНОВА" give the same key. */
export function normaliseName(name: string): string {
  const cleaned = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u02BB\u02BC\u2018\u2019'`ʻʼ]/g, '') // Uzbek oʻ gʻ and apostrophes
    .replace(/[^\p{L}\s-]/gu, ' ')
    .replace(/-/g, ' ');
  const latinDiacriticsOff = (w: string) => (CYRILLIC.test(w) ? w : w.normalize('NFD').replace(/\p{M}/gu, ''));
  return cleaned
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normaliseWord(latinDiacriticsOff(w)))
    .sort()
    .join(' ');
}

export function normaliseDocumentNumber(value: string): string {
  return [
    ...value
      .normalize('NFKC')
      .toUpperCase()
      .replace(/[^\p{L}\p{N}]/gu, ''),
  ]
    .map((ch) => ({ А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y' })[ch] ?? ch)
    .join('');
}

/** The value hashed for "same person": normalised name and date of birth. */
export function personKey(fullName: string, dateOfBirth: string): string {
  return `${normaliseName(fullName)}|${dateOfBirth}`;
}
