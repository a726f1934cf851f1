import { formatBytes, isMessageKey, type Locale, type MessageKey, type MessageParams } from '../i18n/translate';

/** Codes whose `size`, `limit`, `total` and `done` are byte counts. */
const BYTE_LIMITS = new Set(['file-too-large', 'snapshot-too-large', 'xlsx-part-too-large', 'file-read-stalled']);

type T = (key: MessageKey, params?: MessageParams) => string;

export interface ErrorLike {
  readonly code: string;
  readonly details: Readonly<Record<string, string | number | undefined>>;
}

/** The catalogue message for a failure, with sizes formatted for people. */
export function describeError(t: T, locale: Locale, error: ErrorLike): string {
  const key = `error.${error.code}`;
  const { size, limit, ...rest } = error.details;
  const params: Record<string, string | number | undefined> = { ...rest };
  if (BYTE_LIMITS.has(error.code)) {
    if (typeof size === 'number') params['size'] = formatBytes(locale, size);
    if (typeof limit === 'number') params['limit'] = formatBytes(locale, limit);
    for (const name of ['total', 'done'] as const) {
      const bytes = rest[name];
      if (typeof bytes === 'number') params[name] = formatBytes(locale, bytes);
    }
  } else {
    params['limit'] = limit;
  }
  // A code with variants (`review-stale` with `changed: 'edited'`, `file-too-large` with
  // `why: 'memory'`) says exactly what happened.
  const which = rest['changed'] ?? rest['why'];
  const variant = typeof which === 'string' ? `${key}.${which}` : null;
  if (variant !== null && isMessageKey(variant)) return t(variant, params);
  return isMessageKey(key) ? t(key, params) : t('error.internal');
}
