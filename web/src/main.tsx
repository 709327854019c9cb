import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { setupI18n } from './i18n';
import './ui/styles.css';

// the app shell kept on the phone (public/sw.js): a second visit starts without the network
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}

// a screen's file of a release no longer served (a page kept open across a release): load the new
// release, once (offline, or when the reload does not help, the screen says it could not load)
window.addEventListener('vite:preloadError', () => {
  const last = Number(sessionStorage.getItem('ef.reloaded') ?? 0);
  if (!navigator.onLine || Date.now() - last < 30_000) return;
  sessionStorage.setItem('ef.reloaded', String(Date.now()));
  window.location.reload();
});

setupI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
