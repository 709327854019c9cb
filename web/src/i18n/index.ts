import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browserLanguage, isLanguage, type Language } from './languages';

const STORED = 'ef.lang';
// each language is its own chunk, loaded when chosen: a Russian user never downloads English
const catalogues = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json');

// what every screen needs; a screen that needs more (eligibility) loads it with loadNamespaces
const STARTUP_NAMESPACES = ['common', 'errors', 'eligibility'];
const loaded = new Set<string>(STARTUP_NAMESPACES);

/** The language's catalogues, fetched side by side (one round trip on a slow line, not one each). */
async function load(lng: Language, namespaces: Iterable<string> = loaded) {
  await Promise.all(
    [...namespaces].map(async (ns) => {
      const importer = catalogues[`./${lng}/${ns}.json`];
      if (importer && !i18next.hasResourceBundle(lng, ns)) i18next.addResourceBundle(lng, ns, (await importer()).default);
    }),
  );
}

/** The language this browser used last, else the browser's own. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  return isLanguage(stored) ? stored : browserLanguage();
}

export async function setupI18n(): Promise<typeof i18next> {
  const lng = initialLanguage();
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    ns: STARTUP_NAMESPACES,
    defaultNS: 'common',
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await load(lng);
  document.documentElement.lang = lng;
  return i18next;
}

/** Switches the language now (loading its catalogue first) and remembers it in this browser. */
export async function changeLanguage(lng: Language): Promise<void> {
  await load(lng);
  await i18next.changeLanguage(lng);
  localStorage.setItem(STORED, lng);
  document.documentElement.lang = lng;
}
