import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import { serializeCsv } from '../write/csv-write';
import { DEFAULT_CSV_WRITE, type CsvWriteOptions } from '../write/write-types';
import { exportColumns, iterateOperations, type ChangeOperation, type ChangeSource } from './change-operations';
import type { Decisions } from './decisions';
import type { DiffResult } from './diff-types';

/**
 * Options for {@link serializeChangesCsv}: the tables, and the user's CSV options from the
 * Export step (absent: RFC 4180, formula guard on, as {@link DEFAULT_CSV_WRITE}).
 */
export interface ChangesCsvOptions extends ChangeSource {
  readonly csv?: CsvWriteOptions | undefined;
}

/** The operation column's name, with more leading underscores if a field already has it. */
export function operationColumn(columns: readonly string[]): string {
  let name = '_operation';
  while (columns.includes(name)) name = `_${name}`;
  return name;
}

/**
 * The accepted changes as CSV: an `_operation` column (`insert`, `update`, `delete`), then the
 * key columns and the record's fields: the merged record for insert and update, the removed
 * record for delete. Written by `serializeCsv` with the same options as a full export, so the
 * delimiter, quoting, line ends, BOM and the formula guard (`guardFormula`, OWASP CSV
 * Injection; the operation column and every field pass through it) are the user's own.
 *
 * @example
 * [...serializeChangesCsv(diff, acceptAll(), { base, next })].join('');
 * // '_operation,id,name\r\nupdate,1,Ada L\r\n'
 */
export function* serializeChangesCsv(
  diff: DiffResult,
  decisions: Decisions,
  opts: ChangesCsvOptions,
): Generator<string> {
  const ops = [...iterateOperations(diff, decisions, opts)];
  yield* serializeCsv(operationsTable(exportColumns(diff), ops), opts.csv ?? DEFAULT_CSV_WRITE);
}

/** Any change set (forward or undo) over its fields, as {@link serializeChangesCsv} writes one. */
export function* serializeOperationsCsv(
  fields: readonly string[],
  operations: Iterable<ChangeOperation>,
  csv: CsvWriteOptions | undefined,
): Generator<string> {
  yield* serializeCsv(operationsTable(fields, [...operations]), csv ?? DEFAULT_CSV_WRITE);
}

/** A read-only table view over the operations, key columns first. */
export function operationsTable(fields: readonly string[], ops: readonly ChangeOperation[]): Table {
  const columns = [operationColumn(fields), ...fields];
  const cell = (row: number, column: number): Cell => {
    const op = ops[row];
    if (op === undefined) return null;
    return column === 0 ? op.op : (op.record[column - 1] ?? null);
  };
  return {
    columns,
    rowCount: ops.length,
    cell,
    row: (row) => columns.map((_, c) => cell(row, c)),
    sourceRow: (row) => row + 2,
  };
}
