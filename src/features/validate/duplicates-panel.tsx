import { useEffect, useState } from 'react';
import type { EditOp, FieldSummary, MappedRow } from '../../core/engine/mapped-workspace';
import { findDuplicates } from '../../state/queries';
import { useStore, useT } from '../../state/store';
import { fieldLabel } from './problem-text';

const LIMIT = 50;
type Group = { field: string; rows: MappedRow[] };

export interface DuplicatesPanelProps {
  readonly fields: readonly FieldSummary[];
  readonly version: number;
  readonly busy: boolean;
  readonly onEdit: (op: EditOp) => void;
}

/** Rows sharing a unique value, side by side, with "keep this row" and "merge into this row". */
export function DuplicatesPanel({ fields, version, busy, onEdit }: DuplicatesPanelProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const [groups, setGroups] = useState<Group[] | null>(null);

  useEffect(() => {
    let live = true;
    findDuplicates(LIMIT).then(
      (g) => live && setGroups(g),
      () => live && setGroups([]),
    );
    return () => {
      live = false;
    };
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- `version` is the trigger: the rows changed
  }, [version]);

  if (groups === null) return null;
  return (
    <details
      className="panel vdupes"
      data-testid="dupes"
      open={groups.length > 0 && groups.length <= 3}
    >
      <summary>
        <h3>{t('validate.dupes.title', { count: groups.length })}</h3>
      </summary>
      {groups.length === 0 && <p className="muted">{t('validate.dupes.none')}</p>}
      {groups.length >= LIMIT && (
        <p className="muted">{t('validate.dupes.more', { count: LIMIT })}</p>
      )}
      {groups.map((g) => {
        const f = fields.findIndex((x) => x.key === g.field);
        const label = f >= 0 ? fieldLabel(fields[f] as FieldSummary, locale) : g.field;
        const value = g.rows[0]?.values[f] ?? '';
        return (
          <div
            key={`${g.field}:${g.rows.map((r) => r.index).join(',')}`}
            className="vdupe"
            data-testid="dupe-group"
          >
            <table className="vdupe-table">
              <caption>{t('validate.dupes.group', { field: label, value })}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">{t('validate.summary.field')}</span>
                  </th>
                  {g.rows.map((r) => (
                    <th scope="col" key={r.index}>
                      {t('validate.dupes.row', { row: r.sourceRow })}
                      <span className="vdupe-actions">
                        <button
                          type="button"
                          disabled={busy}
                          title={t('validate.dupes.keep.hint')}
                          onClick={() =>
                            onEdit({
                              kind: 'delete-rows',
                              rows: g.rows.filter((o) => o !== r).map((o) => o.index),
                            })
                          }
                          data-testid="dupe-keep"
                        >
                          {t('validate.dupes.keep')}
                        </button>
                        <button
                          type="button"
                          disabled={busy}
                          title={t('validate.dupes.merge.hint')}
                          onClick={() =>
                            onEdit({
                              kind: 'merge-duplicates',
                              keep: r.index,
                              others: g.rows.filter((o) => o !== r).map((o) => o.index),
                            })
                          }
                          data-testid="dupe-merge"
                        >
                          {t('validate.dupes.merge')}
                        </button>
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {fields.map((field, i) => (
                  <tr key={field.key}>
                    <th scope="row">{fieldLabel(field, locale)}</th>
                    {g.rows.map((r) => (
                      <td key={r.index}>{r.values[i] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </details>
  );
}
