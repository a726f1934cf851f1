import { CHUNK_CHARS } from '../write/write-types';
import { iterateOperations, type ChangeOperation, type ChangeSource, type OperationField } from './change-operations';
import type { Decisions } from './decisions';
import type { DiffResult } from './diff-types';

/** Options for {@link serializeChangesJson}: the two tables the diff was made from. */
export type ChangesJsonOptions = ChangeSource;

const object = (fields: readonly OperationField[]): string =>
  `{${fields.map((f) => `${JSON.stringify(f.column)}:${JSON.stringify(f.value)}`).join(',')}}`;

/**
 * The accepted changes as a JSON array, one operation per line:
 * `{"op":"insert","key":…,"fields":{…}}`, `{"op":"update","key":…,"fields":{changed fields,
 * new values},"old":{their old values}}`, `{"op":"delete","key":…,"old":{the record}}`.
 * Missing values are `null`. Yields chunks of about 64 Ki characters at operation boundaries.
 *
 * @example
 * [...serializeChangesJson(diff, acceptAll(), { base, next })].join('');
 * // '[\n{"op":"update","key":"1","fields":{"name":"Ada L"},"old":{"name":"Ada"}}\n]\n'
 */
export function* serializeChangesJson(
  diff: DiffResult,
  decisions: Decisions,
  opts: ChangesJsonOptions,
): Generator<string> {
  yield* serializeOperationsJson(iterateOperations(diff, decisions, opts));
}

/** Any change set (forward or undo) in the layout of {@link serializeChangesJson}. */
export function* serializeOperationsJson(operations: Iterable<ChangeOperation>): Generator<string> {
  let buf = '[';
  let first = true;
  for (const op of operations) {
    let line = `{"op":"${op.op}","key":${JSON.stringify(op.key)}`;
    if (op.op !== 'delete') line += `,"fields":${object(op.fields)}`;
    if (op.op !== 'insert') line += `,"old":${object(op.old)}`;
    buf += `${first ? '' : ','}\n${line}}`;
    first = false;
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n]\n`;
}
