import { problemFilter, type MappedSummary, type RowFilter } from '../../core/engine/mapped-workspace';
import { VALUE_RULES } from '../../core/validate/validate-types';
import { useStore, useT } from '../../state/store';
import { fieldLabel, summaryCaption } from './problem-text';

/**
 * Totals in one sentence (announced politely when they change) and a compact field × rule
 * table whose counts are buttons: a click shows only those rows in the grid.
 */
export function ValidateSummary({ mapped, onFilter }: { readonly mapped: MappedSummary; readonly onFilter: (filter: RowFilter) => void }) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const rules = VALUE_RULES.filter((r) => mapped.byRule[r] > 0);
  const fields = mapped.fields.filter((f) => f.errors + f.warnings > 0);
  const n = (v: number) => v.toLocaleString(locale);
  /** A count that filters the grid; a zero is plain text. */
  const count = (v: number, filter: RowFilter, label: string, testId?: string) =>
    v > 0 ? (
      <button type="button" className="link vcount-link" onClick={() => onFilter(filter)} aria-label={`${n(v)} · ${label}`} data-testid={testId} data-filter={filter}>
        {n(v)}
      </button>
    ) : (
      n(v)
    );
  return (
    <section
      className="panel vsummary"
      aria-labelledby="vsummary-title"
      data-testid="validate-summary"
    >
      <h3 id="vsummary-title">{t('validate.summary.title')}</h3>
      <p
        aria-live="polite"
        data-testid="validate-totals"
        data-errors={mapped.errors}
        data-warnings={mapped.warnings}
        data-rows={mapped.rowsWithProblems}
      >
        {mapped.fields.length === 0
          ? t('validate.summary.noFields')
          : mapped.errors + mapped.warnings === 0
          ? t('validate.summary.clean', { total: mapped.rowCount })
          : t('validate.summary.line', {
              errors: mapped.errors,
              warnings: mapped.warnings,
              rows: mapped.rowsWithProblems,
              total: mapped.rowCount,
            })}
        {mapped.deletedRows > 0 &&
          ` ${t('validate.summary.deleted', { count: mapped.deletedRows })}`}
      </p>
      {mapped.ambiguousPhones > 0 && (
        <p className="is-warning" data-testid="ambiguous-phones" data-count={mapped.ambiguousPhones}>
          <span aria-hidden="true">⚠ </span>
          {t('validate.summary.ambiguousPhones', { count: mapped.ambiguousPhones })}{' '}
          <button type="button" className="link" onClick={() => onFilter('ambiguous-phones')} data-testid="show-ambiguous-phones">
            {t('validate.summary.showAmbiguousPhones')}
          </button>
        </p>
      )}
      {fields.length > 0 && (
        <div className="vsummary-wrap">
          <table className="vsummary-table" data-testid="validate-counts">
            <caption className="sr-only">
              {summaryCaption(t)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('validate.summary.field')}</th>
                <th scope="col">{t('validate.summary.errors')}</th>
                <th scope="col">{t('validate.summary.warnings')}</th>
                {rules.map((r) => (
                  <th scope="col" key={r}>
                    {t(`validate.ruleName.${r}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => {
                const name = fieldLabel(f, locale);
                const all = t('validate.summary.showField', { field: name });
                return (
                  <tr key={f.key} data-field={f.key}>
                    <th scope="row">{name}</th>
                    <td className={f.errors > 0 ? 'is-error' : undefined}>{count(f.errors, problemFilter(f.key, '*'), all, 'summary-field-errors')}</td>
                    <td className={f.warnings > 0 ? 'is-warning' : undefined}>{count(f.warnings, problemFilter(f.key, '*'), all)}</td>
                    {rules.map((r) => (
                      <td key={r} data-rule={r}>
                        {f.byRule[r] > 0
                          ? count(f.byRule[r], problemFilter(f.key, r), t('validate.summary.showRule', { field: name, rule: t(`validate.ruleName.${r}`) }), 'summary-rule')
                          : '·'}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('validate.summary.total')}</th>
                <td data-testid="validate-errors">{n(mapped.errors)}</td>
                <td data-testid="validate-warnings">{n(mapped.warnings)}</td>
                {rules.map((r) => (
                  <td key={r}>{count(mapped.byRule[r], problemFilter('*', r), t('validate.summary.showAllRule', { rule: t(`validate.ruleName.${r}`) }))}</td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
