import { LookupIndex, type LookupCandidate, type LookupSpec } from '../lookup/match-lookup';
import type { Cell } from '../model/cell';
import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import type { EditOp, MappedWorkspace } from './mapped-workspace';

/** A row the lookup could not fill on its own: shown to the user, never guessed. */
export interface LookupProblem {
  /** Row of the working data (for an edit). */
  readonly row: number;
  /** Row number in the user's file. */
  readonly sourceRow: number;
  /** The value that was looked up. */
  readonly value: string;
  /** Ambiguous: the values it could be. */
  readonly candidates: readonly LookupCandidate[];
}

export interface LookupResult {
  /** The cells to fill, as one undoable edit; the page applies it (and logs it for a reload). */
  readonly op: Extract<EditOp, { kind: 'set-many' }>;
  readonly matched: number;
  /** Matched, but the target already held a value and `overwrite` was off. */
  readonly kept: number;
  readonly ambiguousTotal: number;
  readonly missingTotal: number;
  /** The first {@link MAX_LISTED} of each, in row order. */
  readonly ambiguous: readonly LookupProblem[];
  readonly missing: readonly LookupProblem[];
}

export const MAX_LISTED = 500;

/** What the page learns about a loaded lookup file. */
export interface LookupTableSummary {
  readonly fileName: string;
  readonly columns: readonly string[];
  readonly rowCount: number;
}

/**
 * Matches every row of the working data against a lookup table (an Accounts export, a user
 * list) and returns the fills as one edit. Ambiguous and missing matches are listed with their
 * rows; they are left for the user.
 *
 * @throws PorterError `lookup-column` when a named field or column does not exist.
 */
export function matchLookup(ws: MappedWorkspace, lookup: Table, spec: LookupSpec): LookupResult {
  const keys = ws.fields.map((f) => f.key);
  const matchField = keys.indexOf(spec.matchField);
  const targetField = keys.indexOf(spec.targetField);
  const lookupColumn = lookup.columns.indexOf(spec.lookupColumn);
  const valueColumn = lookup.columns.indexOf(spec.valueColumn);
  for (const [index, name] of [
    [matchField, spec.matchField],
    [targetField, spec.targetField],
    [lookupColumn, spec.lookupColumn],
    [valueColumn, spec.valueColumn],
  ] as const) {
    if (index < 0) throw new PorterError('lookup-column', { column: name });
  }
  const index = new LookupIndex(lookup, lookupColumn, valueColumn, spec.matchBy);
  const changes: { row: number; field: string; value: Cell }[] = [];
  const ambiguous: LookupProblem[] = [];
  const missing: LookupProblem[] = [];
  let matched = 0;
  let kept = 0;
  let ambiguousTotal = 0;
  let missingTotal = 0;
  for (let row = 0; row < ws.source.rowCount; row++) {
    if (ws.isDeleted(row)) continue;
    const value = ws.cell(row, matchField) ?? '';
    const m = index.match(value);
    const current = ws.cell(row, targetField) ?? '';
    // Without Replace, a row whose field already holds a value needs nothing from the fill,
    // matched or not: it is kept, not listed for the user to settle.
    const filled = current !== '' && !spec.overwrite;
    if (m.status === 'matched') {
      matched++;
      if (current === m.value) continue;
      if (filled) kept++;
      else changes.push({ row, field: spec.targetField, value: m.value });
    } else if (filled && m.status !== 'empty') {
      kept++;
    } else if (m.status === 'ambiguous') {
      ambiguousTotal++;
      if (ambiguous.length < MAX_LISTED) {
        ambiguous.push({
          row,
          sourceRow: ws.source.sourceRow(row),
          value,
          candidates: m.candidates,
        });
      }
    } else if (m.status === 'missing') {
      missingTotal++;
      if (missing.length < MAX_LISTED)
        missing.push({ row, sourceRow: ws.source.sourceRow(row), value, candidates: [] });
    }
  }
  return {
    op: { kind: 'set-many', changes },
    matched,
    kept,
    ambiguousTotal,
    missingTotal,
    ambiguous,
    missing,
  };
}
