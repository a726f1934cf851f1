import { PorterError, isAbortError } from '../core/model/porter-error';
import { enAll } from '../i18n/en-all';
import { translate, setEnglishMessages, type Locale, type MessageKey, type MessageParams } from '../i18n/translate';
import { describeError } from '../ui/describe-error';
import { CliError } from './cli-error';

export type T = (key: MessageKey, params?: MessageParams) => string;

// The command's own messages, which the page's English catalogue leaves out (i18n/en.ts).
setEnglishMessages(enAll);

/** The language of the messages: `--lang`, else zh-CN when the environment asks for Chinese. */
export function pickLocale(flag: string | undefined, env: NodeJS.ProcessEnv): Locale {
  if (flag === 'zh-CN' || flag === 'zh' || flag === 'zh-cn') return 'zh-CN';
  if (flag === 'en') return 'en';
  const lang = env['LC_ALL'] ?? env['LC_MESSAGES'] ?? env['LANG'] ?? '';
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function translator(locale: Locale): T {
  return (key, params) => translate(locale, key, params);
}

/**
 * The catalogue message for any failure, as the page would show it: `PorterError`s through the
 * page's own `describeError`, the command's own errors by their key.
 */
export function describeFailure(t: T, locale: Locale, err: unknown): string {
  if (err instanceof CliError) return t(err.key, err.params);
  if (isAbortError(err)) return t('cli.interrupted');
  if (err instanceof PorterError) return describeError(t, locale, err);
  // The command's own words: the page's ('Reload the page…') mean nothing on a command line.
  return t('cli.internal', { reason: (err instanceof Error ? err.message : String(err)).trim() });
}
