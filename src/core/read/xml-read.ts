import { PorterError } from '../model/porter-error';
import { createCheckpoint } from '../model/yielder';
import { FlatRecords, lineColumnAt } from './flatten';
import type { ReadContext, ReadResult } from './read-types';
import { findRecordCandidates, XmlRecordHandler, type RecordCandidate } from './xml-records';
import { XmlDepthError, XmlDoctypeError, XmlScanner, XmlSyntaxError } from './xml-scan';

export interface XmlMeta {
  /** Slash-separated local names from the root to the record element, e.g. `contacts/contact`. */
  readonly recordPath: string;
  /** Every element that could be the record, most frequent first, with how often it occurs. */
  readonly candidates: { path: string; count: number }[];
}

export interface XmlReadOptions {
  /** The record element's path (from `meta.candidates`); guessed when absent. */
  readonly recordPath?: string;
}

/** Characters scanned between checkpoints (cancel, progress). */
const SLICE = 1 << 20;
/** Characters looked at to guess the record element before the one full pass. */
const GUESS_PREFIX = 1 << 20;

/**
 * Reads an XML document of records. The record element is the most repeated element that holds
 * values (`contacts/contact`) unless `recordPath` names another. Attributes become `@id`
 * columns, nested elements `address.city`, a child's attribute `phone.@type`; namespace prefixes
 * are dropped and names decoded with {@link decodeXmlName}, so what the XML writer wrote reads
 * back the same. Text is kept exactly (not trimmed); CDATA is text; entities are decoded.
 *
 * The document is tokenized once, record by record, straight into the table: no tree of the
 * whole file is built. A DOCTYPE declaring entities is refused, never expanded.
 *
 * @throws PorterError `xml-syntax` (line, column, reason), `xml-doctype` (line, column, reason),
 *   `xml-too-deep` (line, column, limit) past `MAX_XML_DEPTH` (read-limits.ts) levels, `too-many-fields`,
 *   `xml-no-records` when no element looks like a record or `recordPath` matches nothing.
 * @example
 * const xml = '<contacts><contact id="1"><name>Ada</name></contact></contacts>';
 * const { table, meta } = await readXml(xml, {});
 * meta.recordPath; // 'contacts/contact'
 * table.columns; // ['@id', 'name']
 */
export async function readXml(
  text: string,
  opts: XmlReadOptions,
  ctx: ReadContext = {},
): Promise<ReadResult<XmlMeta>> {
  try {
    let recordPath = opts.recordPath ?? guessRecordPath(text);
    let pass = await readPass(text, recordPath, ctx);
    const candidates = findRecordCandidates(pass.handler.doc);
    const best = candidates[0];
    if (opts.recordPath === undefined && best !== undefined && best.path !== recordPath) {
      // The first megabyte misled the guess (a long header section, say): read again, rightly.
      recordPath = best.path;
      pass = await readPass(text, recordPath, ctx);
    }
    if (recordPath === undefined || pass.handler.records === 0) {
      throw new PorterError('xml-no-records', { path: recordPath ?? '' });
    }
    const { table, issues, issueCounts } = pass.out.finish();
    return { table, issues, issueCounts, meta: { recordPath, candidates: toMeta(candidates) } };
  } catch (err) {
    if (err instanceof XmlSyntaxError) {
      const details = { ...lineColumnAt(text, err.offset), reason: err.reason };
      throw new PorterError('xml-syntax', details, { cause: err });
    }
    if (err instanceof XmlDepthError) {
      const details = { ...lineColumnAt(text, err.offset), limit: err.limit };
      throw new PorterError('xml-too-deep', details, { cause: err });
    }
    if (err instanceof XmlDoctypeError) {
      const details = { ...lineColumnAt(text, err.offset), reason: err.reason };
      throw new PorterError('xml-doctype', details, { cause: err });
    }
    throw err;
  }
}

function toMeta(candidates: readonly RecordCandidate[]): { path: string; count: number }[] {
  return candidates.map((c) => ({ path: c.path, count: c.count }));
}

/** Statistics over the first megabyte only: enough to see records repeat in any real export. */
function guessRecordPath(text: string): string | undefined {
  const handler = new XmlRecordHandler(undefined, undefined);
  const scanner = new XmlScanner(text, handler);
  try {
    scanner.scan(GUESS_PREFIX);
  } catch (err) {
    // The full pass reports syntax errors with their position; the guess just stops early.
    if (!(err instanceof XmlSyntaxError) && !(err instanceof XmlDepthError)) throw err;
  }
  return findRecordCandidates(handler.doc)[0]?.path;
}

async function readPass(
  text: string,
  recordPath: string | undefined,
  ctx: ReadContext,
): Promise<{ handler: XmlRecordHandler; out: FlatRecords }> {
  const checkpoint = createCheckpoint(ctx.signal);
  const out = new FlatRecords();
  const handler = new XmlRecordHandler(recordPath, out);
  const scanner = new XmlScanner(text, handler);
  while (!scanner.done) {
    scanner.scan(scanner.pos + SLICE);
    ctx.onProgress?.({ done: scanner.pos, total: text.length, rows: handler.records });
    await checkpoint();
  }
  return { handler, out };
}
