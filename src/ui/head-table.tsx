import { useEffect } from 'react';
import type { Cell } from '../core/model/cell';

export interface HeadTableProps {
  readonly caption: string;
  readonly rowLabel: string;
  readonly missingLabel: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly sourceRows: readonly number[];
}

/** The first rows of a file as a plain table: small, so no virtualization is needed. */
export function HeadTable({ caption, rowLabel, missingLabel, columns, rows, sourceRows }: HeadTableProps) {
  useEffect(() => {
    // For the benchmark: the first rows are on screen (the first paint after this commit).
    if (rows.length > 0 && performance.getEntriesByName('crm:first-rows').length === 0) {
      performance.mark('crm:first-rows');
    }
  }, [rows]);
  return (
    // A scrollable region must be reachable by keyboard (axe: scrollable-region-focusable).
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="head-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="head-table" data-testid="head-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowLabel}</th>
            {columns.map((c, i) => (
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
              {columns.map((_, c) => {
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
  );
}

/** Line breaks inside a cell are shown as ↵ so each row stays one line high. */
export function oneLine(value: string): string {
  return /[\r\n]/.test(value) ? value.replace(/\r\n|\r|\n/g, ' ↵ ') : value;
}
