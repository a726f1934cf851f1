import type { ReactNode } from 'react';
import { IMPORT_MODES } from '../../core/diff/import-mode';
import type { BaselineSummary } from '../../core/engine/review-session';
import type { ReviewOptions } from '../../state/review-slice';
import type { FieldLabel, T } from './review-text';

export interface KeyOptionsProps {
  readonly t: T;
  readonly baseline: BaselineSummary;
  readonly options: ReviewOptions;
  readonly busy: boolean;
  readonly onChange: (patch: Partial<ReviewOptions>) => void;
  readonly onCompare: () => void;
  /** Field labels in the UI language, for the key chips and the suggestion. */
  readonly label: FieldLabel;
  /** Shown before the Compare button (the column choice). */
  readonly children?: ReactNode;
}

/** The key (one or more columns, normalisation), the import mode, and the Compare button. */
export function KeyOptions({ t, baseline, options, busy, onChange, onCompare, label, children }: KeyOptionsProps) {
  const shared = baseline.columns.filter((c) => !baseline.columnsOnlyInBaseline.includes(c));
  const best = baseline.keySuggestions[0];
  const toggleKey = (column: string, on: boolean) => {
    const next = new Set(options.keyColumns);
    if (on) next.add(column);
    else next.delete(column);
    onChange({ keyColumns: shared.filter((c) => next.has(c)) });
  };
  return (
    <div className="review-key">
      <fieldset className="review-columns" data-testid="key-columns">
        <legend>{t('review.key.columns')}</legend>
        <p className="muted small" id="key-hint">
          {best
            ? t('review.key.suggested', { columns: best.columns.map(label).join(' + '), reason: t(`review.key.reason.${best.reason}`) })
            : t('review.key.noSuggestion')}{' '}
          {t('review.key.columnsHint')}
        </p>
        {shared.map((c) => (
          <label key={c} className="chip">
            <input
              type="checkbox"
              checked={options.keyColumns.includes(c)}
              onChange={(e) => toggleKey(c, e.target.checked)}
              aria-describedby="key-hint"
              data-testid={`key-${c}`}
            />
            <span>{label(c)}</span>
          </label>
        ))}
      </fieldset>
      <div className="review-toggles">
        <label className="check">
          <input type="checkbox" checked={options.trim} onChange={(e) => onChange({ trim: e.target.checked })} data-testid="key-trim" />
          <span>{t('review.key.trim')}</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={options.caseInsensitive}
            onChange={(e) => onChange({ caseInsensitive: e.target.checked })}
            data-testid="key-case"
          />
          <span>{t('review.key.case')}</span>
        </label>
      </div>
      <fieldset className="policy review-mode" data-testid="import-mode">
        <legend>{t('review.mode.title')}</legend>
        {IMPORT_MODES.map((m) => (
          <label key={m} className="check">
            <input type="radio" name="review-mode" checked={options.mode === m} onChange={() => onChange({ mode: m })} value={m} data-testid={`mode-${m}`} />
            <span>{t(`review.mode.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={options.quietClass} onChange={(e) => onChange({ quietClass: e.target.checked })} data-testid="quiet-class" />
        <span>{t('review.quiet')}</span>
      </label>
      {children}
      <div className="review-actions">
        <button
          type="button"
          className="primary"
          disabled={busy || options.keyColumns.length === 0}
          onClick={onCompare}
          data-testid="compare"
          aria-describedby={options.keyColumns.length === 0 ? 'compare-need-key' : undefined}
        >
          {t('review.compare')}
        </button>
        {options.keyColumns.length === 0 && (
          <span id="compare-need-key" className="muted">
            {t('review.compare.needKey')}
          </span>
        )}
      </div>
    </div>
  );
}
