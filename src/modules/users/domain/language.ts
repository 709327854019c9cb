/**
 * The languages a user may choose for the web app: those it has a translation of. Kazakh, Kyrgyz,
 * Tajik, Uzbek and Turkmen (kk, ky, tg, uz, tk) join the list when their translations do; the column
 * holds any short code, so adding one needs no migration. null: not chosen (the browser's language).
 */
export const USER_LANGUAGES = ['en', 'ru'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];
