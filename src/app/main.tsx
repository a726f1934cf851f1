import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadLocale } from '../i18n/translate';
import { useStore } from '../state/store';
import { App } from './app';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet is imported for its effect
import './styles.css';

// Offline after the first visit: the service worker (scripts/offline-sw.mjs) exists in builds only.
// Registered after load so precaching never competes with the first paint.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('./sw.js').catch(() => {
      // No service worker (private mode, file://): the app works, just not offline.
    });
  });
}

// The chosen language's messages before the first render (English is built in; others load).
await loadLocale(useStore.getState().locale);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
