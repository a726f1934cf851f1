import type { ColumnMapping, Suggestion } from '../../core/mapping/mapping-types';
import type { CrmObject } from '../../core/schema/schema-types';
import type { Locale } from '../../i18n/translate';
import { describeReason, fieldLabel, percent, type T } from './mapping-text';

export interface SuggestionCellProps {
  readonly t: T;
  readonly locale: Locale;
  readonly object: CrmObject;
  readonly headers: readonly string[];
  readonly mapping: ColumnMapping;
  readonly suggestion: Suggestion | undefined;
  readonly onAccept: (field: string) => void;
}

/**
 * How confident the suggestion is and why, in words (never colour alone). A suggestion that
 * is not in use (too unsure, or the user chose otherwise) gets a one-click accept.
 */
export function SuggestionCell({ t, locale, object, headers, mapping, suggestion: s, onAccept }: SuggestionCellProps) {
  const column = mapping.column;
  const header = headers[column] ?? '';
  const ctx = { object, headers, locale };
  if (!s || s.field === null) {
    return (
      <span className="badge badge-none" data-testid={`map-confidence-${column}`}>
        {mapping.origin === 'template' ? t('map.fromTemplate') : t('map.noSuggestion')}
      </span>
    );
  }
  const suggested = s.field;
  const inUse = mapping.field === suggested && !mapping.custom;
  const reasons = s.reasons.filter((r) => r.code !== 'conflict');
  const main = reasons[0];
  const alternatives = s.alternatives.filter((a) => a.field !== mapping.field).slice(0, 2);
  // The badge already says the main reason of a suggestion in use; list the others.
  const more = inUse ? s.reasons.filter((r) => r !== main) : s.reasons;
  const level = s.confidence >= 0.85 ? 'high' : s.confidence >= 0.6 ? 'medium' : 'low';
  return (
    <div className="suggestion">
      {inUse ? (
        <span className={`badge badge-${level}`} data-testid={`map-confidence-${column}`}>
          {main
            ? t('map.confidence', { percent: percent(s.confidence), reason: describeReason(t, main, ctx) })
            : t('map.confidenceOnly', { percent: percent(s.confidence) })}
        </span>
      ) : (
        <span className="suggestion-offer">
          <span className="badge badge-low" data-testid={`map-confidence-${column}`}>
            {t(s.apply ? 'map.suggestedOther' : 'map.suggested', {
              field: fieldLabel(object, suggested, locale),
              percent: percent(s.confidence),
            })}
          </span>
          <button
            type="button"
            className="small"
            aria-label={t('map.acceptLabel', { column: header, field: fieldLabel(object, suggested, locale) })}
            onClick={() => onAccept(suggested)}
            data-testid={`map-accept-${column}`}
          >
            {t('map.accept')}
          </button>
        </span>
      )}
      {more.length > 0 && (
        <ul className="reasons" aria-label={t('map.reasons')} data-testid={`map-reasons-${column}`}>
          {more.map((r, i) => (
            <li key={i}>{describeReason(t, r, ctx)}</li>
          ))}
        </ul>
      )}
      {alternatives.length > 0 && (
        <span className="alternatives small-text" data-testid={`map-alternatives-${column}`}>
          <span className="muted">{t('map.alternatives')}</span>
          {alternatives.map((a) => (
            <button
              key={a.field}
              type="button"
              className="link"
              aria-label={t('map.acceptLabel', { column: header, field: fieldLabel(object, a.field, locale) })}
              onClick={() => onAccept(a.field)}
            >
              {fieldLabel(object, a.field, locale)} ({percent(a.confidence)}%)
            </button>
          ))}
        </span>
      )}
      {mapping.origin === 'template' && <span className="muted small-text">{t('map.fromTemplate')}</span>}
    </div>
  );
}
