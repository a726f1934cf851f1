import { UPDATE_RULES, type UpdateRule, type UpdateRules } from '../../core/diff/import-mode';
import type { FieldLabel, T } from './review-text';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet is imported for its effect
import './update-rules.css';

export interface UpdateRulesTableProps {
  readonly t: T;
  /** The compared fields, in order (the key columns left out: a record's key is how it is found). */
  readonly fields: readonly string[];
  /** A field's label in the UI language (the column name when it has none). */
  readonly label?: FieldLabel;
  readonly rules: UpdateRules;
  /** Per field, differences the rules kept out in the last comparison; null before one. */
  readonly keptOut: Readonly<Record<string, number>> | null;
  readonly busy: boolean;
  readonly onChange: (rules: UpdateRules) => void;
}

const INHERIT = '';

/**
 * Per-field update rules, with one for all fields: when a field of a record on both sides takes
 * the new value. After a comparison each row says how many differences its rule kept out, so the
 * dry run shows what each rule changes. Two narrow columns of selects: it fits at 390 px.
 */
export function UpdateRulesTable({
  t,
  fields,
  label = (c) => c,
  rules,
  keptOut,
  busy,
  onChange,
}: UpdateRulesTableProps) {
  const own = new Map(rules.fields.map((f) => [f.field, f.rule] as const));
  const setField = (field: string, value: string) => {
    const next = new Map(own);
    if (value === INHERIT) next.delete(field);
    else next.set(field, value as UpdateRule);
    // Kept in field order, so the saved job lists them as the table shows them.
    onChange({
      ...rules,
      fields: fields
        .filter((f) => next.has(f))
        .map((f) => ({ field: f, rule: next.get(f) as UpdateRule })),
    });
  };
  const total = keptOut === null ? 0 : fields.reduce((n, f) => n + (keptOut[f] ?? 0), 0);
  const ruleOptions = UPDATE_RULES.map((r) => (
    <option key={r} value={r}>
      {t(`review.rule.${r}`)}
    </option>
  ));
  return (
    <div className="update-rules" data-testid="update-rules">
      <h4 id="update-rules-title">{t('review.rules.title')}</h4>
      <p className="muted small">{t('review.rules.hint')}</p>
      <div className="table-wrap">
        <table className="rules-table" aria-labelledby="update-rules-title">
          <thead>
            <tr>
              <th scope="col">{t('review.rules.field')}</th>
              <th scope="col" className="rule-cell">{t('review.rules.rule')}</th>
              {keptOut !== null && <th scope="col" className="num">{t('review.rules.keptOut')}</th>}
            </tr>
          </thead>
          <tbody>
            <tr className="rules-all">
              <th scope="row">{t('review.rules.all')}</th>
              <td className="rule-cell">
                <select
                  aria-label={t('review.rules.ruleFor', { field: t('review.rules.all') })}
                  value={rules.default}
                  disabled={busy}
                  onChange={(e) => onChange({ ...rules, default: e.target.value as UpdateRule })}
                  data-testid="rule-default"
                >
                  {ruleOptions}
                </select>
              </td>
              {keptOut !== null && (
                <td className="num" data-testid="kept-out-total" data-count={total}>
                  {t('review.rules.keptOutCount', { count: total })}
                </td>
              )}
            </tr>
            {fields.map((field) => (
              <tr key={field}>
                <th scope="row">
                  {label(field) === field ? (
                    <code>{field}</code>
                  ) : (
                    <span title={field}>{label(field)}</span>
                  )}
                </th>
                <td className="rule-cell">
                  <select
                    aria-label={t('review.rules.ruleFor', { field: label(field) })}
                    value={own.get(field) ?? INHERIT}
                    disabled={busy}
                    onChange={(e) => setField(field, e.target.value)}
                    data-testid={`rule-${field}`}
                  >
                    <option value={INHERIT}>{t('review.rules.inherit')}</option>
                    {ruleOptions}
                  </select>
                </td>
                {keptOut !== null && (
                  <td
                    className="num"
                    data-testid={`kept-out-${field}`}
                    data-count={keptOut[field] ?? 0}
                  >
                    {t('review.rules.keptOutCount', { count: keptOut[field] ?? 0 })}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {keptOut !== null && <KeptOutNote t={t} total={total} />}
    </div>
  );
}

/** The dry run's total: how many differences the update rules kept out of the last comparison. */
export function KeptOutNote({ t, total }: { readonly t: T; readonly total: number }) {
  return (
    <p className="small" data-testid="kept-out-note" data-count={total}>
      {t('review.rules.keptOutTotal', { count: total })}
    </p>
  );
}
