import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/queries.js';
import { App } from './app/App.js';
import { initI18n } from './i18n/index.js';
import { SettingsProvider } from './settings/SettingsContext.js';
import { loadSettings } from './settings/settings.js';
import './styles.css';

const settings = loadSettings();
initI18n(settings.language);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <SettingsProvider initial={settings}>
        <App />
      </SettingsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
