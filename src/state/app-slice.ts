import type { StateCreator } from 'zustand';
import { loadLocale, type Locale } from '../i18n/translate';
import type { Store } from './store';

export type StepId = 'upload' | 'preview' | 'map' | 'validate' | 'review' | 'export';
export const STEPS: readonly StepId[] = ['upload', 'preview', 'map', 'validate', 'review', 'export'];

export interface AppSlice {
  step: StepId;
  locale: Locale;
  goTo: (step: StepId) => void;
  setLocale: (locale: Locale) => Promise<void>;
}

const LOCALE_KEY = 'crm-porter.locale';

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set) => ({
  step: 'upload',
  locale: initialLocale(),
  goTo: (step) => set({ step }),
  setLocale: async (locale) => {
    globalThis.localStorage?.setItem(LOCALE_KEY, locale);
    // The catalogue first: nothing renders in a language whose messages are not here yet.
    await loadLocale(locale);
    document.documentElement.lang = locale;
    set({ locale });
  },
});
