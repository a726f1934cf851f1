import type { Table } from '../model/table';
import { planUnflatten, type PlanNode } from './unflatten';
import { CHUNK_CHARS, type JsonValueType, type JsonWriteOptions } from './write-types';

/**
 * A plan node with its key already JSON-encoded. The JSON text is built directly (never by
 * assigning untrusted keys to objects), so a column called `__proto__` is written as data.
 */
type JsonNode =
  | { readonly kind: 'leaf'; readonly key: string; readonly column: number }
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly children: readonly JsonNode[];
    };

/**
 * Serialises a table as a JSON array of objects, one per row, in chunks of roughly 64 KiB that
 * end at record boundaries. The text equals `JSON.stringify(rows, null, 2)` (`pretty`) or
 * `JSON.stringify(rows)` (`compact`), followed by a newline.
 *
 * - Dotted names nest when unambiguous (see `planUnflatten`): `address.city` →
 *   `{"address":{"city":…}}`; with `a` and `a.b` both present, `"a.b"` stays a literal key.
 * - A `null` cell omits its key; an object whose cells are all `null` is omitted too. `''` is
 *   written as `""`.
 * - Values are JSON strings: types are applied later, by mapping.
 * - Throws `PorterError('export-failed', { reason: 'duplicate-column' })` for repeated names.
 *
 * @example
 * const table = tableFromRows(['id', 'address.city'], [['1', 'Oslo'], ['2', null]]);
 * [...serializeJson(table, { style: 'compact' })].join('');
 * // '[{"id":"1","address":{"city":"Oslo"}},{"id":"2"}]\n'
 */
export function* serializeJson(table: Table, opts: JsonWriteOptions): Generator<string> {
  const nodes = compilePlan(table);
  const pretty = opts.style === 'pretty';
  if (table.rowCount === 0) {
    yield '[]\n';
    return;
  }
  let buffer = '[';
  for (let r = 0; r < table.rowCount; r++) {
    if (r > 0) buffer += ',';
    if (pretty) buffer += '\n  ';
    buffer += writeObject(table, r, nodes, pretty ? 1 : -1, opts.types) || '{}';
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  buffer += pretty ? '\n]\n' : ']\n';
  yield buffer;
}

/**
 * Serialises a table as NDJSON (https://github.com/ndjson/ndjson-spec): one compact object per
 * row, each line ending in `\n`; nesting and `null` handling as in {@link serializeJson}. An
 * empty table writes nothing.
 *
 * @example
 * const table = tableFromRows(['id'], [['1'], ['2']]);
 * [...serializeNdjson(table)].join(''); // '{"id":"1"}\n{"id":"2"}\n'
 */
export function* serializeNdjson(
  table: Table,
  opts: Pick<JsonWriteOptions, 'types'> = {},
): Generator<string> {
  const nodes = compilePlan(table);
  let buffer = '';
  for (let r = 0; r < table.rowCount; r++) {
    buffer += `${writeObject(table, r, nodes, -1, opts.types) || '{}'}\n`;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

function compilePlan(table: Table): readonly JsonNode[] {
  const compile = (node: PlanNode): JsonNode =>
    node.kind === 'leaf'
      ? { kind: 'leaf', key: JSON.stringify(node.key), column: node.column }
      : {
          kind: 'group',
          key: JSON.stringify(node.key),
          children: node.children.map(compile),
        };
  return planUnflatten(table.columns, { attributes: false }).children.map(compile);
}

/**
 * One object's text. `depth` is the nesting level for pretty output (the object's own
 * indentation is `depth` × 2 spaces), or -1 for compact output. Returns `''` when every cell
 * under `nodes` is missing, so the caller can omit the key (or write `{}` for a whole row).
 */
function writeObject(
  table: Table,
  row: number,
  nodes: readonly JsonNode[],
  depth: number,
  types: readonly JsonValueType[] | undefined,
): string {
  const pretty = depth >= 0;
  const inner = pretty ? `\n${'  '.repeat(depth + 1)}` : '';
  const colon = pretty ? ': ' : ':';
  let out = '';
  for (const node of nodes) {
    let value: string;
    if (node.kind === 'leaf') {
      const cell = table.cell(row, node.column);
      if (cell === null) continue;
      value = types === undefined ? JSON.stringify(cell) : typedValue(cell, types[node.column]);
    } else {
      value = writeObject(table, row, node.children, pretty ? depth + 1 : -1, types);
      if (value === '') continue;
    }
    out += `${out === '' ? '' : ','}${inner}${node.key}${colon}${value}`;
  }
  if (out === '') return '';
  return pretty ? `{${out}\n${'  '.repeat(depth)}}` : `{${out}}`;
}

/** RFC 8259 §6 number grammar: what may be written unquoted. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;

function typedValue(cell: string, type: JsonValueType | undefined): string {
  if (type === 'number') {
    if (cell === '') return 'null';
    if (JSON_NUMBER.test(cell)) return cell;
  } else if (type === 'boolean') {
    if (cell === '') return 'null';
    if (cell === 'true' || cell === 'false') return cell;
  }
  return JSON.stringify(cell);
}
