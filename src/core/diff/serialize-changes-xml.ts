import type { Cell } from '../model/cell';
import { encodeXmlName } from '../model/xml-names';
import { CHUNK_CHARS } from '../write/write-types';
import { iterateOperations, type ChangeOperation, type ChangeSource, type OperationField } from './change-operations';
import type { Decisions } from './decisions';
import type { DiffResult } from './diff-types';

/** Options for {@link serializeChangesXml}: the tables the diff was made from. */
export type ChangesXmlOptions = ChangeSource;

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Characters XML 1.0 cannot hold (https://www.w3.org/TR/xml/#charsets); written as U+FFFD. */
const INVALID_CHARS =
  // oxlint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_SPECIAL: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_SPECIAL: Readonly<Record<string, string>> = {
  ...TEXT_SPECIAL,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
};

// CR, and in attributes tab and LF, are escaped: XML end-of-line handling and attribute-value
// normalisation would change them (https://www.w3.org/TR/xml/#AVNormalize).
const escapeText = (v: string): string =>
  v.replace(INVALID_CHARS, '\uFFFD').replace(/[&<>\r]/g, (c) => TEXT_SPECIAL[c] ?? c);
const escapeAttr = (v: string): string =>
  v.replace(INVALID_CHARS, '\uFFFD').replace(/[&<>"\r\n\t]/g, (c) => ATTR_SPECIAL[c] ?? c);

function element(name: string, value: Cell, old?: Cell): string {
  const tag = encodeXmlName(name);
  const oldAttr = old === undefined || old === null ? '' : ` old="${escapeAttr(old)}"`;
  if (value === null) return `<${tag}${oldAttr} xsi:nil="true"/>`;
  return `<${tag}${oldAttr}>${escapeText(value)}</${tag}>`;
}

const elements = (fields: readonly OperationField[]): string => fields.map((f) => element(f.column, f.value)).join('');

/**
 * The accepted changes as XML: `<changes>` holding one `<record operation="…" key="…">` per
 * operation, one per line. Insert: every field; update: the changed fields with their new values
 * and an `old` attribute (absent when the old value was missing); delete: the removed record.
 * A missing value is `xsi:nil="true"`. Names go through `encodeXmlName`.
 *
 * @example
 * [...serializeChangesXml(diff, acceptAll(), { base, next })].join('');
 * // '…<record operation="update" key="1"><name old="Ada">Ada L</name></record>…'
 */
export function* serializeChangesXml(
  diff: DiffResult,
  decisions: Decisions,
  opts: ChangesXmlOptions,
): Generator<string> {
  yield* serializeOperationsXml(iterateOperations(diff, decisions, opts));
}

/** Any change set (forward or undo) in the layout of {@link serializeChangesXml}. */
export function* serializeOperationsXml(operations: Iterable<ChangeOperation>): Generator<string> {
  let buf = `<?xml version="1.0" encoding="UTF-8"?>\n<changes xmlns:xsi="${XSI}">\n`;
  for (const op of operations) {
    let body: string;
    if (op.op === 'update') {
      body = op.fields.map((f, k) => element(f.column, f.value, op.old[k]?.value ?? null)).join('');
    } else body = elements(op.op === 'insert' ? op.fields : op.old);
    buf += `<record operation="${op.op}" key="${escapeAttr(op.key)}">${body}</record>\n`;
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}</changes>\n`;
}
