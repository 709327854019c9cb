/**
 * Characters a reader does not see but software acts on: format characters (zero-width space and
 * joiners, word joiner, invisible operators, byte-order mark, soft hyphen, bidirectional embeddings,
 * overrides and isolates such as U+202E, which reverses what follows) and control characters
 * (C0, DEL and C1). They hide a name from a search or a redactor, and turn "fdp.exe" into a name that
 * reads "exe.pdf".
 */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- finding these characters is the point
const INVISIBLE_CHARACTER = /[\p{Cf}\u0000-\u001F\u007F-\u009F\u115F\u1160\u3164\uFFA0\u034F\u180B-\u180F\uFE00-\uFE0F]/u;
// eslint-disable-next-line no-misleading-character-class -- as above
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE_CHARACTER.source, 'gu');
// the same without line breaks and tabs, which free text may carry
const INVISIBLE_IN_TEXT =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- finding these characters is the point
  /[\p{Cf}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u115F\u1160\u3164\uFFA0\u034F\u180B-\u180F\uFE00-\uFE0F]/gu;

/** True when the value holds any invisible or control character (a name must hold none). */
export const hasInvisibleCharacter = (value: string): boolean => INVISIBLE_CHARACTER.test(value);

/** The value without invisible characters at all (for comparing). */
export const withoutInvisible = (value: string): string => value.replace(INVISIBLE_GLOBAL, '');

/** Free text without invisible characters, keeping line breaks and tabs. */
export const withoutInvisibleInText = (value: string): string => value.replace(INVISIBLE_IN_TEXT, '');
