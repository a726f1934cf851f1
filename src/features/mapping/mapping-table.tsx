import { useMemo, type Ref } from 'react';
import { adviceFor } from '../../core/mapping/transform-advice';
import type { ColumnMapping, FieldMapping } from '../../core/mapping/mapping-types';
import { namesAlreadySplit } from '../../core/mapping/transform-catalogue';
import type { MappingProposal } from '../../core/engine/mapping-session';
import type { CrmObject } from '../../core/schema/schema-types';
import type { Locale } from '../../i18n/translate';
import { FieldSelect } from './field-select';
import { fieldLabel, type T } from './mapping-text';
import { SuggestionCell } from './suggestion-cell';
import { TransformsEditor } from './transforms-editor';
import { useTransformedExamples } from './use-transformed-examples';

export interface MappingTableProps {
  readonly t: T;
  readonly locale: Locale;
  readonly object: CrmObject;
  readonly headers: readonly string[];
  /** Every column's mapping: which column feeds a field first is found over all of them. */
  readonly columns: readonly ColumnMapping[];
  /** The columns drawn (a page of a wide file, or all). */
  readonly rows: readonly ColumnMapping[];
  /** Each row says its column's number (a wide file, found by `#number`). */
  readonly numbered: boolean;
  readonly proposal: MappingProposal | null;
  readonly country: string;
  readonly onChange: (column: number, patch: Partial<FieldMapping>) => void;
  /**
   * While suggestions are made or the mapping is applied, nothing in the table can change: a
   * choice made then was overwritten by the suggestions that came in after it, or left out of
   * the data that Apply was already making.
   */
  readonly disabled: boolean;
  /** The scrollable region: the bottom page buttons bring the focus back to it. */
  readonly ref?: Ref<HTMLDivElement>;
}

/** One row per source column drawn: examples, target field, suggestion, transforms. */
export function MappingTable({ t, locale, object, headers, columns, rows, numbered, proposal, country, onChange, disabled, ref }: MappingTableProps) {
  // The first column feeding each field: later ones are flagged, since only merge fields join them.
  const firstFeeder = useMemo(() => {
    const map = new Map<string, number>();
    for (const c of columns) if (c.field !== null && !map.has(c.field)) map.set(c.field, c.column);
    return map;
  }, [columns]);
  const nameSplit = useMemo(() => namesAlreadySplit(columns), [columns]);
  const caption = t('map.table.caption');
  return (
    // A scrollable region must be reachable by keyboard (axe: scrollable-region-focusable).
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div ref={ref} className="map-table-wrap" tabIndex={0} role="region" aria-label={caption} aria-busy={disabled}>
      {/* A disabled fieldset disables every select, button and input inside it at once. */}
      <fieldset className="map-table-controls" disabled={disabled} data-testid="map-table-controls">
        <table className="map-table" data-testid="map-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('map.col.column')}</th>
              <th scope="col">{t('map.col.examples')}</th>
              <th scope="col">{t('map.col.field')}</th>
              <th scope="col">{t('map.col.suggestion')}</th>
              <th scope="col">{t('map.col.transforms')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => {
              const header = headers[m.column] ?? '';
              const examples = proposal?.examples[m.column];
              const selectId = `map-field-select-${m.column}`;
              const first = m.field === null ? undefined : firstFeeder.get(m.field);
              const field = m.field === null ? undefined : object.fields.find((f) => f.key === m.field);
              const duplicateOf = first !== undefined && first !== m.column && !field?.allowMerge ? headers[first] : undefined;
              const usedBy = new Map<string, string>();
              for (const [key, col] of firstFeeder) if (col !== m.column) usedBy.set(key, headers[col] ?? '');
              return (
                <tr key={m.column} data-testid="map-row" data-header={header}>
                  <th scope="row" className="map-header">
                    {header}
                    {numbered && <span className="map-colnum">{t('map.columnNumber', { number: m.column + 1 })}</span>}
                  </th>
                  <td data-label={t('map.col.examples')}>
                    <Examples t={t} column={m.column} examples={examples} transforms={m.transforms} />
                  </td>
                  <td data-label={t('map.col.field')}>
                    <label htmlFor={selectId} className="sr-only">
                      {t('map.fieldFor', { column: header })}
                    </label>
                    <FieldSelect t={t} locale={locale} id={selectId} object={object} mapping={m} usedBy={usedBy} onChange={(patch) => onChange(m.column, patch)} />
                    {duplicateOf !== undefined && m.field !== null && (
                      <p className="row-warning" data-testid={`map-duplicate-${m.column}`}>
                        <span aria-hidden="true">⚠ </span>
                        {t('map.duplicate', { column: duplicateOf, field: fieldLabel(object, m.field, locale) })}
                      </p>
                    )}
                  </td>
                  <td data-label={t('map.col.suggestion')}>
                    <SuggestionCell
                      t={t}
                      locale={locale}
                      object={object}
                      headers={headers}
                      mapping={m}
                      suggestion={proposal?.suggestions[m.column]}
                      onAccept={(f) => onChange(m.column, { field: f, custom: false })}
                    />
                  </td>
                  <td data-label={t('map.col.transforms')}>
                    <TransformsEditor
                      t={t}
                      column={m.column}
                      headers={headers}
                      field={field}
                      transforms={m.transforms}
                      country={country}
                      advice={adviceFor(proposal?.advice[m.column], m.field)}
                      nameSplit={nameSplit}
                      onChange={(transforms) => onChange(m.column, { transforms })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
    </div>
  );
}

const NO_EXAMPLES: readonly string[] = [];

/** The column's first values and, when its transforms change them, what they become. */
function Examples({ t, column, examples, transforms }: { t: T; column: number; examples: readonly string[] | undefined; transforms: ColumnMapping['transforms'] }) {
  const values = examples ?? NO_EXAMPLES;
  const out = useTransformedExamples(values, transforms);
  if (values.length === 0) return <span className="muted">{t('map.noExamples')}</span>;
  return (
    <ul className="examples" data-testid={`map-examples-${column}`}>
      {values.map((v, i) => {
        const after = out?.[i];
        const changed = after !== undefined && after.value !== v;
        return (
          <li key={i} title={v}>
            <span className="example-in">{v}</span>
            {changed && (
              <>
                {' '}
                <span aria-hidden="true">→</span>
                <span className="sr-only">{t('map.examples.becomes')}</span>{' '}
                <span className="example-out" data-testid="map-example-out">
                  {after.value ?? ''}
                </span>
              </>
            )}
            {after?.note !== undefined && (
              <span className="example-note" data-testid="map-example-note">
                {' '}
                ⚠ {t(`validate.note.${after.note}`)}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
