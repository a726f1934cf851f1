import type { ReviewSummary } from '../../core/engine/review-session';
import { SelectField } from '../../ui/select-field';
import type { ShownPattern } from './patterns-panel';
import type { FieldLabel, T } from './review-text';

/** The list's narrowing beyond class and search: a changed field, or one pattern group. */
export interface ListFilter {
  readonly field: string | null;
  readonly pattern: ShownPattern | null;
}

export const NO_LIST_FILTER: ListFilter = { field: null, pattern: null };

export interface ListFiltersProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
  readonly label: FieldLabel;
  readonly filter: ListFilter;
  readonly onFilter: (filter: ListFilter) => void;
}

/** "Changed field" (fields with changes, with their counts) and the pattern group shown, if any. */
export function ListFilters({ t, review, locale, label, filter, onFilter }: ListFiltersProps) {
  const fields = review.compareColumns.filter((c) => (review.fieldCounts[c] ?? 0) > 0);
  return (
    <div className="list-filters">
      <SelectField
        label={t('review.filter.field')}
        value={filter.field ?? ''}
        onChange={(field) => onFilter({ ...filter, field: field === '' ? null : field })}
        options={[
          { value: '', label: t('review.filter.anyField') },
          ...fields.map((c) => ({
            value: c,
            label: t('review.filter.fieldOption', { field: label(c), count: (review.fieldCounts[c] ?? 0).toLocaleString(locale) }),
          })),
        ]}
        testId="review-field-filter"
      />
      {filter.pattern && (
        <p className="chip pattern-chip" data-testid="pattern-filter">
          <span>{t('review.filter.pattern', { pattern: filter.pattern.label })}</span>
          <button
            type="button"
            className="small-button"
            aria-label={t('review.filter.clearLabel', { pattern: filter.pattern.label })}
            onClick={() => onFilter({ ...filter, pattern: null })}
            data-testid="pattern-filter-clear"
          >
            {t('review.filter.clear')}
          </button>
        </p>
      )}
    </div>
  );
}
