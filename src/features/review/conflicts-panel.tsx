import { useId, useState } from 'react';
import type { KeyConflicts, KeyResolution } from '../../core/diff/key-spec';
import { nameList } from '../../ui/name-list';
import type { T } from './review-text';

/** Groups listed per side; a file with thousands of conflicts has a key problem, not a list problem. */
const MAX_GROUPS = 50;
const MAX_ROWS = 20;

export interface ConflictsPanelProps {
  readonly t: T;
  readonly conflicts: { readonly base: KeyConflicts; readonly next: KeyConflicts };
  readonly busy: boolean;
  readonly onResolve: (side: 'base' | 'next', resolution: KeyResolution) => void;
}

/**
 * Test ids name a row by its index + 1 (stable whatever the file's layout); the text names it as
 * Preview, Validate and a spreadsheet do: its source row, the header being row 1 of a CSV.
 */
const rowId = (row: number) => row + 1;
const rowLabel = (c: KeyConflicts, row: number) => c.sourceRows?.[row] ?? row + 1;

function rowList(t: T, c: KeyConflicts, rows: readonly number[]): string {
  const labels = rows.slice(0, MAX_ROWS).map((r) => String(rowLabel(c, r)));
  return nameList(labels, MAX_ROWS, (count) => t('review.conflicts.more', { count }), rows.length, t('list.separator'));
}

/** Missing and duplicate keys per side; each duplicate group offers "keep this row". */
export function ConflictsPanel({ t, conflicts, busy, onResolve }: ConflictsPanelProps) {
  const side = (which: 'base' | 'next') => {
    const c = conflicts[which];
    if (c.missing.length === 0 && c.duplicates.length === 0) return null;
    return (
      <div className="conflict-side" data-testid={`conflicts-${which}`}>
        <h4>{t(`review.conflicts.${which}`)}</h4>
        {c.missing.length > 0 && <p data-testid="conflict-missing">{t('review.conflicts.missing', { rows: rowList(t, c, c.missing) })}</p>}
        {c.missing.length > 0 && (
          <ul className="conflict-groups">
            {c.missing.slice(0, MAX_GROUPS).map((row) => (
              <li key={row}>
                <MissingKeyFix
                  t={t}
                  label={rowLabel(c, row)}
                  busy={busy}
                  testId={`fix-key-${which}-${rowId(row)}`}
                  onFix={(value) => onResolve(which, { kind: 'fix-key', row, value })}
                />
              </li>
            ))}
          </ul>
        )}
        <ul className="conflict-groups">
          {c.duplicates.slice(0, MAX_GROUPS).map((group) => (
            <li key={group.join(',')} data-testid="conflict-duplicate">
              <span>{t('review.conflicts.duplicate', { rows: rowList(t, c, group) })}</span>
              <span className="conflict-keep">
                {group.slice(0, MAX_ROWS).map((row) => (
                  <button
                    key={row}
                    type="button"
                    disabled={busy}
                    onClick={() => onResolve(which, { kind: 'keep-row', row })}
                    data-testid={`keep-${which}-${rowId(row)}`}
                  >
                    {t('review.conflicts.keep', { row: rowLabel(c, row) })}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
        {c.duplicates.length > MAX_GROUPS && <p className="muted">{t('review.conflicts.more', { count: c.duplicates.length - MAX_GROUPS })}</p>}
      </div>
    );
  };
  return (
    <section className="panel alert-warning review-conflicts" aria-labelledby="review-conflicts-title" data-testid="conflicts">
      <h3 id="review-conflicts-title">{t('review.conflicts.title')}</h3>
      <p>{t('review.conflicts.hint')}</p>
      {side('base')}
      {side('next')}
    </section>
  );
}

/** Gives a row without a key a key value, so it can be matched (or added) like any other. */
function MissingKeyFix(props: { t: T; label: number; busy: boolean; testId: string; onFix: (value: string) => void }) {
  const { t, label, busy, testId, onFix } = props;
  const id = useId();
  const [value, setValue] = useState('');
  return (
    <form
      className="conflict-fix"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim() !== '') onFix(value.trim());
      }}
    >
      <label htmlFor={id}>{t('review.conflicts.fixKey', { row: label })}</label>
      <input id={id} value={value} disabled={busy} onChange={(e) => setValue(e.target.value)} data-testid={`${testId}-input`} />
      <button type="submit" disabled={busy || value.trim() === ''} data-testid={testId}>
        {t('review.conflicts.setKey')}
      </button>
    </form>
  );
}
