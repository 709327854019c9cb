import { withoutInvisible, withoutInvisibleInText } from '../../../common/text/invisible.js';

/** The private part of a beneficiary, as far as free text may repeat it. */
export interface PersonalData {
  fullName: string;
  dateOfBirth: string;
  documentNumber?: string | null;
  phone?: string | null;
}

export const REDACTED = '***';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/** Date-of-birth spellings with the month written out: "14 March 1990", "14-го марта 1990 г.", "March 14th, 1990". */
function monthNamePattern(y: string, m: number, d: number): string {
  const month = `(?:${MONTHS[m - 1].join('|')})[\\p{L}.]*`;
  const day = `0?${d}(?:st|nd|rd|th|-?го|-?е|-?nchi|-?chi|-?[ыи]?\\p{L}{0,2})?`;
  const sep = `[\\s.,/-]*`;
  return `(?:${day}${sep}${month}${sep}${y}|${month}${sep}${day}${sep}${y}|${y}${sep}(?:ж\\.?|жыл\\p{L}*|yil\\p{L}*|г\\.?|года)?${sep}${day}${sep}${month})`;
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
const documentChar = (ch: string): string => {
  const group = DOCUMENT_LETTERS.filter((g) => g.includes(ch)).join('');
  return group ? `[${[...new Set(group + ch)].join('')}]` : escape(ch);
};

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
  const textPatterns: string[] = [];
  const digitForms: string[] = [];
  const [y, m, d] = pii.dateOfBirth.split('-');
  if (y && m && d) {
    textPatterns.push(monthNamePattern(y, +m, +d));
    digitForms.push(...dateDigitForms(y, m, d));
  }
  const doc = withoutInvisible((pii.documentNumber ?? '').normalize('NFKC'))
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  if ([...doc].length >= 4) {
    textPatterns.push([...doc].map(documentChar).join('[\\s./\\\\-]*'));
    const docDigits = doc.replace(/\D/g, '');
    if (docDigits.length >= 6) digitForms.push(docDigits);
  }
  const phone = (pii.phone ?? '').replace(/\D/g, '');
  // the subscriber number (last nine digits) with any country code or trunk prefix, any separators
  if (phone.length >= 7) digitForms.push(phone.slice(-9));
  const text = textPatterns.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${textPatterns.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  return (input) => {
    let out = withoutInvisibleInText(input.normalize('NFKC'));
    if (text) out = out.replace(text, REDACTED);
    out = out.replace(NUMBER, (run) => {
      const digits = run.replace(/\D/g, '');
      return digitForms.some((f) => digits.includes(f)) ? REDACTED : run;
    });
    return parts.length ? out.replace(WORD, (word) => (isName(parts, word) ? REDACTED : word)) : out;
  };
}
