import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import { KEY_OF, type MatchBy } from './normalize';

/** How to fill a field of the working data from a lookup table. */
export interface LookupSpec {
  /** How values are compared. */
  readonly matchBy: MatchBy;
  /** Field of the working data to match on (company name, website, owner email). */
  readonly matchField: string;
  /** Column of the lookup table to match against. */
  readonly lookupColumn: string;
  /** Column of the lookup table whose value is filled in (the Account ID). */
  readonly valueColumn: string;
  /** Field of the working data to fill. */
  readonly targetField: string;
  /** Replace values already there; off: only empty target cells are filled. */
  readonly overwrite: boolean;
}

export type LookupMatch =
  | { readonly status: 'matched'; readonly value: string }
  | { readonly status: 'ambiguous'; readonly candidates: readonly LookupCandidate[] }
  | { readonly status: 'missing' }
  | { readonly status: 'empty' };

export interface LookupCandidate {
  readonly value: string;
  /** The lookup table's text that matched (`Acme Inc` and `ACME Ltd` both match `acme`). */
  readonly label: string;
}

/** Normalised key → the distinct values it leads to, with the text each came from. */
export class LookupIndex {
  private readonly byKey = new Map<string, Map<string, string>>();

  constructor(
    table: Table,
    lookupColumn: number,
    valueColumn: number,
    private readonly matchBy: MatchBy,
  ) {
    const key = KEY_OF[matchBy];
    for (let r = 0; r < table.rowCount; r++) {
      const text = table.cell(r, lookupColumn) ?? '';
      const value = table.cell(r, valueColumn) ?? '';
      const k = key(text);
      if (k === '' || value === '') continue;
      let values = this.byKey.get(k);
      if (values === undefined) this.byKey.set(k, (values = new Map()));
      if (!values.has(value)) values.set(value, text);
    }
  }

  /**
   * The value for one cell: `matched` when its key leads to exactly one value; `ambiguous`
   * (with every candidate) when it leads to several — two accounts of one name are never
   * chosen between; `missing` when it leads nowhere; `empty` for an empty cell.
   */
  match(cell: Cell): LookupMatch {
    const k = KEY_OF[this.matchBy](cell ?? '');
    if (k === '') return { status: 'empty' };
    const values = this.byKey.get(k);
    if (values === undefined) return { status: 'missing' };
    if (values.size === 1)
      return { status: 'matched', value: values.keys().next().value as string };
    return {
      status: 'ambiguous',
      candidates: [...values].map(([value, label]) => ({ value, label })),
    };
  }
}
