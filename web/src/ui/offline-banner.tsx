import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

const subscribe = (cb: () => void) => {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
};

/** Says the connection is gone (the browser's own signal); by default that what was typed is kept. */
export function OfflineBanner({ message }: { message?: string }) {
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  const { t } = useTranslation();
  return online ? null : (
    <p className="banner" role="status">
      {message ?? t('offline')}
    </p>
  );
}
