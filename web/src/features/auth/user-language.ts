import { changeLanguage } from '../../i18n';
import { isLanguage } from '../../i18n/languages';

/** The language the user chose on any device (stored on the user) wins over this browser's. */
export async function applyUserLanguage(user: { language?: string | null }): Promise<void> {
  if (isLanguage(user.language)) await changeLanguage(user.language);
}
