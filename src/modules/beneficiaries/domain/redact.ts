import { withoutInvisible, withoutInvisibleInText } from '../../../common/text/invisible.js';

/** The private part of a beneficiary, as far as free text may repeat it. */
export interface PersonalData {
  fullName: string;
  dateOfBirth: string;
  documentNumber?: string | null;
  phone?: string | null;
}

export const REDACTED = '***';

// One Latin spelling per Cyrillic letter (Russian, Ukrainian, Belarusian, Kazakh, Kyrgyz, Tajik, Uzbek Cyrillic).
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
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
  щ: 'shch',
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
  ї: 'yi',
  є: 'ye',
  ӣ: 'i',
  ӯ: 'u',
  ҳ: 'h',
  ҷ: 'j',
  ў: 'u',
  ҕ: 'g',
  ҫ: 's',
  ӑ: 'a',
  ӗ: 'e',
  ӳ: 'u',
};
// Latin letters whose usual spelling in transliterated names is two letters
const LATIN_SPECIAL: Record<string, string> = { š: 'sh', ş: 'sh', č: 'ch', ç: 'ch', ž: 'zh', ğ: 'g', ı: 'i', ß: 'ss', ñ: 'n' };
const VOWEL = 'aeiou';

/**
 * A word reduced to a loose Latin skeleton, so that the spellings of one name compare equal:
 * "Юрий", "Yuriy", "Iouri" and "Jurij" all give "uri"; "Хуршида", "Khurshida", "Xurshida" and
 * "Hurshida" give "hurSida". Loose on purpose (kh/h/x, y/i/j/zh, ie/e, ou/u, doubled letters): the
 * redactor would rather blank a word too many.
 */
export function nameSkeleton(word: string): string {
  let w = withoutInvisible(word.normalize('NFKC')).toLowerCase();
  w = [...w].map((ch) => CYRILLIC_TO_LATIN[ch] ?? LATIN_SPECIAL[ch] ?? ch).join('');
  w = w.normalize('NFD').replace(/[^a-z0-9]/g, ''); // diacritics, apostrophes (Uzbek oʻ gʻ), hyphens
  w = w
    .replace(/shch|sch|sh/g, 'S')
    .replace(/tch|ch|tsh|ts|tz/g, 'C')
    .replace(/dzh|dj|zh|j|y/g, 'i')
    .replace(/kh|x/g, 'h')
    .replace(/q/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/gh/g, 'g')
    .replace(/ou/g, 'u');
  // ya/ia/a, ye/ie/e, yu/iu/u...: an i before a vowel is the softening of that vowel
  w = [...w].filter((ch, i) => !(ch === 'i' && i + 1 < w.length && VOWEL.includes(w[i + 1]))).join('');
  return w.replace(/(.)\1+/g, '$1');
}

// a word of letters, digits and anything invisible inside it (which would otherwise split it)
const WORD = /[\p{L}\p{M}\p{N}\p{Cf}'ʻʼ’]+/gu;

interface NamePart {
  skeleton: string;
  /** Inflected forms: the skeleton without its last letter, then up to three more. */
  stem: string | null;
}

function nameParts(fullName: string): NamePart[] {
  const parts: NamePart[] = [];
  for (const word of withoutInvisible(fullName.normalize('NFKC')).split(/[^\p{L}\p{M}\p{N}'ʻʼ’]+/u)) {
    const part = word.replace(/^['ʻʼ’]+|['ʻʼ’]+$/g, '');
    if ([...part].length < 3) continue;
    const skeleton = nameSkeleton(part);
    if (skeleton.length < 3) continue;
    // inflected forms only for words of letters; a part with digits is matched as written
    const inflects = skeleton.length >= 5 && !/\p{N}/u.test(part);
    parts.push({ skeleton, stem: inflects ? skeleton.slice(0, -1) : null });
  }
  return parts;
}

const isName = (parts: NamePart[], word: string): boolean => {
  const s = nameSkeleton(word);
  return parts.some((p) => s === p.skeleton || (p.stem !== null && s.startsWith(p.stem) && s.length <= p.stem.length + 3));
};

// month names by number: English, Russian, Kazakh, Kyrgyz, Uzbek and Tajik spellings (stems; any ending follows)
const MONTHS: string[][] = [
  ['jan', 'янв', 'yanv', 'қаңтар', 'kantar', 'qantar', 'үчтүн', 'январ'],
  ['feb', 'фев', 'fev', 'ақпан', 'akpan', 'aqpan', 'бирдин', 'феврал'],
  ['mar', 'мар', 'наурыз', 'nauryz', 'жалган', 'март'],
  ['apr', 'апр', 'сәуір', 'sauir', 'чын куран', 'aprel'],
  ['may', 'ма[йяюе]', 'мамыр', 'mamyr', 'бугу', 'mai'],
  ['jun', 'июн', 'iyun', 'маусым', 'mausym', 'кулжа', 'июн'],
  ['jul', 'июл', 'iyul', 'шілде', 'shilde', 'теке'],
  ['aug', 'авг', 'avg', 'тамыз', 'tamyz', 'баш оона'],
  ['sep', 'сен', 'sent', 'қыркүйек', 'qyrkuiek', 'kyrkuiek', 'аяк оона'],
  ['oct', 'окт', 'okt', 'қазан', 'qazan', 'kazan', 'тогуздун'],
  ['nov', 'ноя', 'noy', 'noya', 'қараша', 'qarasha', 'karasha', 'жетинин'],
  ['dec', 'дек', 'dek', 'желтоқсан', 'zheltoqsan', 'zheltoksan', 'бештин'],
];

// A date with its month written out, in any of the three orders: "14 March 1990", "14-го марта
// 1990 г.", "March 14th, 1990", "1990 ж. 14 наурыз". One expression for everyone, compiled once: a
// person's own expression cost about 6 ms to compile (case-insensitive Unicode classes), on every
// request that wrote free text. Groups: day, month, year of each order in turn.
const MONTH_WORD = `((?:${MONTHS.flat().join('|')})[\\p{L}.]*)`;
const DAY = `0?(\\d{1,2})(?:st|nd|rd|th|-?го|-?е|-?nchi|-?chi|-?[ыи]?\\p{L}{0,2})?`;
const SEP = `[\\s.,/-]*`;
const YEAR = `(\\d{4})`;
const WRITTEN_DATE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${DAY}${SEP}${MONTH_WORD}${SEP}${YEAR}|${MONTH_WORD}${SEP}${DAY}${SEP}${YEAR}|${YEAR}${SEP}(?:ж\\.?|жыл\\p{L}*|yil\\p{L}*|г\\.?|года)?${SEP}${DAY}${SEP}${MONTH_WORD})(?![\\p{L}\\p{N}])`,
  'giu',
);
const MONTH_START = MONTHS.map((stems) => new RegExp(`^(?:${stems.join('|')})`, 'iu'));

/** The month (1–12) a written month starts with; 0 when none. */
const monthOf = (word: string): number => MONTH_START.findIndex((re) => re.test(word)) + 1;

/** Blanks the dates written with a month name that are `y`-`m`-`d`. */
function blankWrittenDate(text: string, y: number, m: number, d: number): string {
  return text.replace(WRITTEN_DATE, (match, ...g: (string | undefined)[]) => {
    const [day, month, year] = g[0] !== undefined ? [g[0], g[1], g[2]] : g[3] !== undefined ? [g[4], g[3], g[5]] : [g[7], g[8], g[6]];
    return Number(day) === d && Number(year) === y && monthOf(month!) === m ? REDACTED : match;
  });
}

/** The digits a numeric date of birth may be written with, once separators are taken out. */
function dateDigitForms(y: string, m: string, d: string): string[] {
  const dd = String(+d);
  const mm = String(+m);
  const forms = new Set([`${d}${m}${y}`, `${y}${m}${d}`, `${m}${d}${y}`, `${dd}${mm}${y}`, `${mm}${dd}${y}`, `${d}${m}${y.slice(2)}`]);
  return [...forms];
}

// a number as people write it: digits with spaces, dots, slashes, dashes or brackets between them
const NUMBER = /\+?\(?\d(?:[\s./\\()–—-]{0,3}\d)*\)?/g;
// a document-series letter, its Cyrillic look-alikes and its Cyrillic transliterations, each way
const DOCUMENT_LETTERS = [
  'AА',
  'BВБ',
  'CСЦ',
  'DД',
  'EЕЭ',
  'FФ',
  'GГ',
  'HНХ',
  'IИІ',
  'KКҚ',
  'LЛ',
  'MМ',
  'NН',
  'OО0',
  'PРП',
  'RР',
  'SС',
  'TТ',
  'UУ',
  'VВ',
  'XХ',
  'YУЙ',
  'ZЗ',
];
/** What a document-number character matches: itself and its look-alikes and transliterations (upper case). */
const documentClass = (ch: string): string => DOCUMENT_LETTERS.filter((g) => g.includes(ch)).join('') + ch;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DOCUMENT_SEPARATOR = /[\s./\\-]/u;

/**
 * Blanks every run of `text` that spells the document number (`classes`, one per character): its
 * characters or their look-alikes in any case, with separators between them, not inside a longer word.
 */
function blankDocument(text: string, classes: string[]): string {
  const chars = [...text];
  const isWordChar = (i: number) => i >= 0 && i < chars.length && LETTER_OR_DIGIT.test(chars[i]);
  const matches = (i: number, k: number) => i < chars.length && classes[k].includes(chars[i].toUpperCase());
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    let end = -1;
    if (!isWordChar(i - 1) && matches(i, 0)) {
      let j = i + 1;
      let k = 1;
      while (k < classes.length) {
        while (j < chars.length && DOCUMENT_SEPARATOR.test(chars[j])) j++;
        if (!matches(j, k)) break;
        j++;
        k++;
      }
      if (k === classes.length && !isWordChar(j)) end = j;
    }
    if (end < 0) out.push(chars[i++]);
    else {
      out.push(REDACTED);
      i = end;
    }
  }
  return out.join('');
}

/**
 * Builds a function that blanks out the person's name, date of birth, document number and phone in
 * free text before it reaches a permanent record (audit events, application history) or leaves the NGO
 * (award items and conditions, hence letters and exports). Case workers write descriptions like
 * "Passport fees for Aigul Nurlanova"; the record must still name nobody, however it is spelled:
 * - name parts in any order, any case, in Latin or Cyrillic (compared as a loose Latin skeleton), with
 *   invisible characters inside, and inflected (Нурланова → Нурлановой);
 * - the document number with any separators, Cyrillic look-alike letters, or its digits alone;
 * - the date of birth as 1990-03-14, 14.03.1990, 14/3/1990, 14 03 1990, 14031990, 14.03.90,
 *   "14 March 1990", "14 марта 1990 г.";
 * - the phone as +996 555 123 456, 0555-123-456, (555)123456: any number ending in or holding its
 *   last nine digits.
 * Invisible characters are dropped from the result. It errs towards blanking too much.
 */
export function personalDataRedactor(pii: PersonalData): (text: string) => string {
  const parts = nameParts(pii.fullName);
  const digitForms: string[] = [];
  const [y, m, d] = pii.dateOfBirth.split('-');
  const written = y && m && d ? { y: +y, m: +m, d: +d } : null;
  if (y && m && d) digitForms.push(...dateDigitForms(y, m, d));
  const doc = withoutInvisible((pii.documentNumber ?? '').normalize('NFKC'))
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  const documentClasses = [...doc].length >= 4 ? [...doc].map(documentClass) : null;
  if (documentClasses) {
    const docDigits = doc.replace(/\D/g, '');
    if (docDigits.length >= 6) digitForms.push(docDigits);
  }
  const phone = (pii.phone ?? '').replace(/\D/g, '');
  // the subscriber number (last nine digits) with any country code or trunk prefix, any separators
  if (phone.length >= 7) digitForms.push(phone.slice(-9));
  return (input) => {
    let out = withoutInvisibleInText(input.normalize('NFKC'));
    if (written) out = blankWrittenDate(out, written.y, written.m, written.d);
    if (documentClasses) out = blankDocument(out, documentClasses);
    out = out.replace(NUMBER, (run) => {
      const digits = run.replace(/\D/g, '');
      return digitForms.some((f) => digits.includes(f)) ? REDACTED : run;
    });
    return parts.length ? out.replace(WORD, (word) => (isName(parts, word) ? REDACTED : word)) : out;
  };
}
