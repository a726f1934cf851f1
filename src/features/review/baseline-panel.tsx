import type { Locale } from '../../i18n/translate';
import type { LoadedBaseline } from '../../state/review-slice';
import { DropZone } from '../../ui/drop-zone';
import { baselineLabel, type T } from './review-text';

export interface BaselinePanelProps {
  readonly t: T;
  readonly locale: Locale;
  readonly baseline: LoadedBaseline | null;
  readonly busy: boolean;
  readonly onFile: (file: File) => void;
  /** Offers the sample's own baseline (last month's sample export) in one click, when set. */
  readonly onSampleBaseline?: (() => void) | undefined;
}

/** Where the baseline comes from (a file here; a snapshot from History) and what it holds. */
export function BaselinePanel({ t, locale, baseline, busy, onFile, onSampleBaseline }: BaselinePanelProps) {
  return (
    <section className="panel review-baseline" aria-labelledby="review-baseline-title">
      <h3 id="review-baseline-title">{t('review.baseline.title')}</h3>
      {baseline ? (
        <div id="baseline-summary" tabIndex={-1} className="baseline-loaded focus-target" data-testid="baseline-summary">
          <p>
            <strong data-testid="baseline-name">{baselineLabel(t, locale, baseline.fileName, baseline.snapshotAt)}</strong>
          </p>
          <p data-testid="baseline-facts" data-rows={baseline.rowCount}>
            {t('review.baseline.facts', { rows: baseline.rowCount, columns: baseline.columns.length })}
          </p>
          {baseline.fromSnapshot && <p className="muted small">{t('review.baseline.fromSnapshot')}</p>}
          {baseline.mapping === 'same-mapping' && (
            <p className="muted small" data-testid="baseline-mapped">
              {baseline.columnsOnlyInBaseline.length > 0
                ? t('review.baseline.sameMappingKept', { count: baseline.columnsOnlyInBaseline.length })
                : t('review.baseline.sameMapping')}
            </p>
          )}
          {baseline.mapping === 'not-mapped' && (
            <p className="alert alert-warning" role="status" data-testid="baseline-not-mapped">
              {t('review.baseline.notMapped')}
            </p>
          )}
        </div>
      ) : (
        <>
          <p className="muted">{t('review.baseline.none')}</p>
          {onSampleBaseline && (
            <p className="sample-baseline" data-testid="sample-baseline-offer">
              {t('review.sample.offer')}{' '}
              <button type="button" className="primary" disabled={busy} onClick={onSampleBaseline} data-testid="sample-baseline">
                {t('review.sample.button')}
              </button>
            </p>
          )}
        </>
      )}
      <DropZone
        prompt={t('review.baseline.drop')}
        orLabel={t('review.baseline.or')}
        chooseLabel={t('review.baseline.choose')}
        hint={t('review.baseline.formats')}
        disabled={busy}
        onFile={onFile}
        testIdPrefix="baseline-"
        className="review-drop"
        primary={false}
      />
    </section>
  );
}
