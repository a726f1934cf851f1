import type { BaselineSummary } from '../../core/engine/review-session';
import type { FieldLabel, T } from './review-text';

export interface CompareColumnsProps {
  readonly t: T;
  readonly baseline: BaselineSummary;
  readonly chosen: readonly string[];
  readonly onChange: (columns: string[]) => void;
  readonly label: FieldLabel;
}

/**
 * Which columns take part in the comparison: shared ones by default; one-sided ones are listed
 * apart so added and removed columns are never missed. The order stays the baseline's, then the
 * new data's (the fingerprint order).
 */
export function CompareColumns({ t, baseline, chosen, onChange, label }: CompareColumnsProps) {
  const removed = baseline.columnsOnlyInBaseline;
  const added = baseline.columnsOnlyInCurrent;
  const shared = baseline.columns.filter((c) => !removed.includes(c));
  const order = [...baseline.columns, ...added];
  const toggle = (column: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(column);
    else next.delete(column);
    onChange(order.filter((c) => next.has(c)));
  };
  const group = (title: string, columns: readonly string[], testId: string) =>
    columns.length > 0 && (
      <fieldset className="review-columns" data-testid={testId}>
        <legend>{title}</legend>
        {columns.map((c) => (
          <label key={c} className="chip">
            <input type="checkbox" checked={chosen.includes(c)} onChange={(e) => toggle(c, e.target.checked)} />
            <span>{label(c)}</span>
          </label>
        ))}
      </fieldset>
    );
  return (
    <div className="review-columns-wrap">
      <h4>{t('review.columns.title')}</h4>
      {added.length === 0 && removed.length === 0 && (
        <p className="muted" data-testid="columns-same">
          {t('review.columns.same', { count: shared.length })}
        </p>
      )}
      {group(t('review.columns.added'), added, 'columns-added')}
      {group(t('review.columns.removed'), removed, 'columns-removed')}
      <details open={added.length + removed.length > 0 ? true : undefined}>
        <summary>{t('review.columns.shared')}</summary>
        <p className="muted small">{t('review.columns.hint')}</p>
        {group(t('review.columns.shared'), shared, 'columns-shared')}
      </details>
    </div>
  );
}
