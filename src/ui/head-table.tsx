import { useEffect } from 'react';
import type { Cell } from '../core/model/cell';

/**
 * Columns the table draws. A file may have 10,000 (docs/limits.md): drawn whole, 25 rows made
 * 250,000 cells and a 3-4 s task on Upload, and ~0.5 s more when the step was left. The first
 * rows are a glance at the reading; Preview shows every column.
 */
export const HEAD_COLUMNS = 50;

export interface HeadTableProps {
  readonly caption: string;
  readonly rowLabel: string;
  readonly missingLabel: string;
  /** The note under a table cut at HEAD_COLUMNS: how many columns are left out. */
  readonly moreColumns: (count: number) => string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly sourceRows: readonly number[];
}

/** The first rows of a file as a plain table of its first columns: small, so no virtualization. */
export function HeadTable(props: HeadTableProps) {
  const { caption, rowLabel, missingLabel, moreColumns, columns, rows, sourceRows } = props;
  useEffect(() => {
    // For the benchmark: the first rows are on screen (the first paint after this commit).
    if (rows.length > 0 && performance.getEntriesByName('crm:first-rows').length === 0) {
      performance.mark('crm:first-rows');
    }
  }, [rows]);
  const shown = columns.length > HEAD_COLUMNS ? columns.slice(0, HEAD_COLUMNS) : columns;
  const hidden = columns.length - shown.length;
  return (
    <>
      {/* A scrollable region must be reachable by keyboard (axe: scrollable-region-focusable). */}
      {/* oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="head-table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="head-table" data-testid="head-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowLabel}</th>
              {shown.map((c, i) => (
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r} data-testid="head-row">
                <th scope="row">{sourceRows[r]}</th>
                {shown.map((_, c) => {
                  const v = row[c];
                  return (
                    <td key={c} title={v ?? undefined}>
                      {v === null || v === undefined ? <span className="grid-missing">{missingLabel}</span> : oneLine(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden > 0 && (
        <p className="muted head-table-more" data-testid="head-more">
          {moreColumns(hidden)}
        </p>
      )}
    </>
  );
}

/** Line breaks inside a cell are shown as ↵ so each row stays one line high. */
export function oneLine(value: string): string {
  return /[\r\n]/.test(value) ? value.replace(/\r\n|\r|\n/g, ' ↵ ') : value;
}
