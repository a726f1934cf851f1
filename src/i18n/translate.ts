import { en, type MessageKey, type Messages } from './en';
import { zhCN } from './zh-cn';

export type Locale = 'en' | 'zh-CN';
export type { MessageKey };

export const LOCALES: readonly { readonly id: Locale; readonly name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'zh-CN', name: '简体中文' },
];

const CATALOGUES: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };

export type MessageParams = Readonly<Record<string, string | number | undefined>>;

/**
 * The message for a key in a locale, with `{name}` placeholders filled. Numbers are formatted
 * for the locale. An unknown placeholder is left visible rather than silently dropped.
 *
 * @example
 * translate('en', 'preview.jump', { row: 1204 }); // 'Go to row 1,204'
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

/** True when `key` is in the catalogue (for keys built from codes, e.g. `issue.${code}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Formats a byte count for people: 1.2 MB, 640 KB, 12 B (decimal units, as file managers do). */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** A duration for people: "340 ms" below a second, "2.4 s" above. */
export function formatDuration(locale: Locale, ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms)).toLocaleString(locale)} ms`;
  return `${(ms / 1000).toLocaleString(locale, { maximumFractionDigits: 1 })} s`;
}
