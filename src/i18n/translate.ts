import { en, type MessageKey, type Messages } from './en';

export type Locale = 'en' | 'zh-CN';
export type { MessageKey };

export const LOCALES: readonly { readonly id: Locale; readonly name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'zh-CN', name: '简体中文' },
];

/**
 * English is always here; another language's catalogue is loaded when it is first chosen (it is
 * a third of the first page load otherwise). `loadLocale` must have resolved before a message in
 * that language is asked for: the page awaits it before the first render and before switching,
 * the command line before its first message.
 */
// The page's English lacks the command line's messages (en.ts); the command adds them.
const CATALOGUES: Partial<Record<Locale, Messages>> = { en: en as Messages };
const LOADERS: Readonly<Record<Locale, () => Promise<Messages>>> = {
  en: () => Promise.resolve(en as Messages),
  'zh-CN': () => import('./zh-cn').then((m) => m.zhCN),
};

/** Loads a language's messages (once); translate() in that language works after it resolves. */
/** Replaces the English catalogue with one that has more messages (the command line's, en-all.ts). */
export function setEnglishMessages(messages: Messages): void {
  CATALOGUES.en = messages;
}

export async function loadLocale(locale: Locale): Promise<void> {
  CATALOGUES[locale] ??= await LOADERS[locale]();
}

function catalogue(locale: Locale): Messages {
  const messages = CATALOGUES[locale];
  if (messages === undefined) throw new Error(`The ${locale} messages are not loaded yet (call loadLocale first).`);
  return messages;
}

export type MessageParams = Readonly<Record<string, string | number | undefined>>;

/**
 * A parsed message: literal text, a `{name}` placeholder, or a plural choice
 * `{name, plural, =0 {…} one {…} other {…}}` in the ICU MessageFormat subset we use. Inside a
 * branch, `#` is the number formatted for the locale.
 */
type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'plural'; readonly name: string; readonly branches: ReadonlyMap<string, readonly Part[]> }
  | { readonly kind: 'hash' };

/**
 * Parses the ICU subset with a single left-to-right scan (no regular expression, so no
 * backtracking whatever the text). Anything that is not a well-formed placeholder or plural is
 * kept as literal text, so a typo in a catalogue shows up on the page instead of throwing.
 */
export function parseMessage(template: string): Part[] {
  return parseParts(template, 0, template.length, false);
}

function parseParts(s: string, from: number, to: number, inPlural: boolean): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = from;
  const flush = () => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < to) {
    const ch = s[i] as string;
    if (ch === '#' && inPlural) {
      flush();
      parts.push({ kind: 'hash' });
      i++;
      continue;
    }
    if (ch === '{') {
      const close = matchingBrace(s, i, to);
      const parsed = close < 0 ? null : parsePlaceholder(s, i + 1, close);
      if (parsed !== null) {
        flush();
        parts.push(parsed);
        i = close + 1;
        continue;
      }
    }
    text += ch;
    i++;
  }
  flush();
  return parts;
}

/** Index of the `}` closing the `{` at `open`, counting nested braces; -1 when unclosed. */
function matchingBrace(s: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function isNameChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
}

function skipSpaces(s: string, i: number, to: number): number {
  while (i < to && (s[i] === ' ' || s[i] === '\n' || s[i] === '\t')) i++;
  return i;
}

/** The body between `{` and `}`: `name` or `name, plural, selector {…} …`; null if neither. */
function parsePlaceholder(s: string, from: number, to: number): Part | null {
  let i = skipSpaces(s, from, to);
  const start = i;
  while (i < to && isNameChar(s[i] as string)) i++;
  const name = s.slice(start, i);
  if (name === '') return null;
  i = skipSpaces(s, i, to);
  if (i === to) return { kind: 'param', name };
  if (s[i] !== ',') return null;
  i = skipSpaces(s, i + 1, to);
  if (s.slice(i, i + 6) !== 'plural') return null;
  i = skipSpaces(s, i + 6, to);
  if (s[i] !== ',') return null;
  i++;
  const branches = new Map<string, readonly Part[]>();
  for (;;) {
    i = skipSpaces(s, i, to);
    if (i === to) break;
    const selStart = i;
    while (i < to && s[i] !== '{' && s[i] !== ' ') i++;
    const selector = s.slice(selStart, i);
    i = skipSpaces(s, i, to);
    if (selector === '' || s[i] !== '{') return null;
    const close = matchingBrace(s, i, to);
    if (close < 0) return null;
    branches.set(selector, parseParts(s, i + 1, close, true));
    i = close + 1;
  }
  return branches.has('other') ? { kind: 'plural', name, branches } : null;
}

/** Names of the parameters a message uses, sorted and without repeats (for catalogue checks). */
export function messageParams(template: string): string[] {
  const names = new Set<string>();
  const walk = (parts: readonly Part[]) => {
    for (const p of parts) {
      if (p.kind === 'param') names.add(p.name);
      else if (p.kind === 'plural') {
        names.add(p.name);
        for (const branch of p.branches.values()) walk(branch);
      }
    }
  };
  walk(parseMessage(template));
  return [...names].sort();
}

const parsed = new Map<string, readonly Part[]>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

function rulesFor(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * A number as `toLocaleString(locale)` writes it, from one formatter per locale: each
 * `toLocaleString` call builds a formatter afresh, ~0.4 s of the page thread over a 2M-row path
 * (progress messages, counts).
 */
export function formatNumber(locale: Locale, n: number): string {
  let format = numberFormats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

function render(locale: Locale, parts: readonly Part[], params: MessageParams, hash: number | null): string {
  let out = '';
  for (const p of parts) {
    switch (p.kind) {
      case 'text':
        out += p.text;
        break;
      case 'hash':
        out += hash === null ? '#' : formatNumber(locale, hash);
        break;
      case 'param': {
        const value = params[p.name];
        out += value === undefined ? `{${p.name}}` : typeof value === 'number' ? formatNumber(locale, value) : value;
        break;
      }
      case 'plural': {
        const value = params[p.name];
        const n = typeof value === 'number' ? value : Number(value);
        if (value === undefined || Number.isNaN(n)) {
          out += `{${p.name}}`;
          break;
        }
        // An exact match (`=0`) wins over the locale's category, as in ICU.
        const branch = p.branches.get(`=${n}`) ?? p.branches.get(rulesFor(locale).select(n)) ?? p.branches.get('other');
        out += render(locale, branch ?? [], params, n);
        break;
      }
    }
  }
  return out;
}

/**
 * The message for a key in a locale, with `{name}` placeholders filled and plural choices
 * (`{rows, plural, one {# row} other {# rows}}`) resolved by the locale's plural rules
 * (`Intl.PluralRules`). Numbers are formatted for the locale. An unknown placeholder is left
 * visible rather than silently dropped.
 *
 * @example
 * translate('en', 'preview.jump', { row: 1204 }); // 'Go to row 1,204'
 * translate('en', 'export.skipped', { rows: 1 }); // '1 row with errors was left out.'
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return formatMessage(locale, catalogue(locale)[key], params);
}

/** Formats one message template (the catalogue's syntax) for a locale. */
export function formatMessage(locale: Locale, template: string, params: MessageParams = {}): string {
  let parts = parsed.get(template);
  if (parts === undefined) {
    parts = parseMessage(template);
    parsed.set(template, parts);
  }
  return render(locale, parts, params, null);
}

/** True when `key` is in the catalogue (for keys built from codes, e.g. `issue.${code}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGUES.en ?? en, key);
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

/**
 * Progress in bytes for people, both numbers in the total's unit, so a message can say
 * "5.3 of 14 MB" rather than "5,300,000 of 14,000,000".
 *
 * @example
 * formatBytesOf('en', 5_300_000, 14_000_000); // { done: '5.3', total: '14 MB' }
 */
export function formatBytesOf(locale: Locale, done: number, total: number): { done: string; total: string } {
  const units = ['B', 'KB', 'MB', 'GB'];
  let unit = 0;
  let scale = 1;
  while (total / scale >= 1000 && unit < units.length - 1) {
    scale *= 1000;
    unit++;
  }
  const format = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: unit === 0 || n >= 100 ? 0 : 1 });
  return { done: format(Math.min(done, total) / scale), total: `${format(total / scale)} ${units[unit]}` };
}

/** A duration for people: "340 ms" below a second, "2.4 s" above. */
export function formatDuration(locale: Locale, ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms)).toLocaleString(locale)} ms`;
  return `${(ms / 1000).toLocaleString(locale, { maximumFractionDigits: 1 })} s`;
}
