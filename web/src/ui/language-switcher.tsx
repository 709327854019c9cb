import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { session } from '../api/session';
import { changeLanguage } from '../i18n';
import { LANGUAGES, isLanguage } from '../i18n/languages';

/** Each language in its own name; the choice is kept in this browser and, when signed in, on the user. */
export function LanguageSwitcher({ id = 'language' }: { id?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="language">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={i18n.language}
        onChange={async (e) => {
          const lng = e.target.value;
          if (!isLanguage(lng)) return;
          await changeLanguage(lng);
          if (session.user) void api.PATCH('/api/v1/auth/me', { body: { language: lng } }).catch(() => undefined);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
