import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady, initialLanguage } from './i18n';
import { loadAntdLocale } from './ui/antd-locale';
import './styles.css';
import { App } from './App';

// A chunk of an older build is gone after an upgrade (the page was open meanwhile): load the new build once.
window.addEventListener('vite:preloadError', (event) => {
  if (sessionStorage.getItem('anwang-reloaded')) return;
  sessionStorage.setItem('anwang-reloaded', '1');
  event.preventDefault();
  location.reload();
});

// The remembered language's strings (ours and Ant Design's) arrive before the first render, so nothing flickers.
void Promise.all([i18nReady, loadAntdLocale(initialLanguage).catch(() => undefined)]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
