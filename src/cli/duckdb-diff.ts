import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { CANONICAL_VERSION } from '../core/diff/canonical-form';
import { compareFields } from '../core/diff/compare-fields';
import { acceptAll } from '../core/diff/decisions';
import {
  KIND_CODE,
  type DiffCounts,
  type DiffResult,
  type FieldChange,
} from '../core/diff/diff-types';
import { modeDoes, rulesFor } from '../core/diff/import-mode';
import { keyOf, type KeySpec } from '../core/diff/key-spec';
import { serializeChangesCsv } from '../core/diff/serialize-changes-csv';
import { serializeChangesJson } from '../core/diff/serialize-changes-json';
import { serializeChangesXml } from '../core/diff/serialize-changes-xml';
import { SourceFile } from '../core/engine/read-source';
import { resolveCsv } from '../core/job/job-file';
import type { Cell } from '../core/model/cell';
import { TableBuilder } from '../core/model/table';
import { formatBytes } from '../i18n/translate';
import { CliError } from './cli-error';
import type { CliContext } from './context';
import type { DiffArgs } from './diff-command';
import { writeChunks } from './files';

type DuckModule = typeof import('@duckdb/node-api');
type Connection = Awaited<
  ReturnType<Awaited<ReturnType<DuckModule['DuckDBInstance']['create']>>['connect']>
>;

async function loadDuck(): Promise<DuckModule | null> {
  try {
    return await import('@duckdb/node-api');
  } catch {
    return null;
  }
}

/** True when the optional `@duckdb/node-api` package is installed. */
export async function duckdbUsable(): Promise<boolean> {
  return (await loadDuck()) !== null;
}

/**
 * What JavaScript's `String.prototype.trim` removes (WhiteSpace and LineTerminator of ECMA-262),
 * so a trimmed key means the same in DuckDB as in `keyOf`.
 */
const JS_TRIM =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** DuckDB reads an empty unquoted field as NULL unless told another null string; the readers of core read ''. */
const NO_NULL = '\u0001crm-porter-no-null\u0001';

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

interface Side {
  readonly path: string;
  readonly table: string;
  readonly columns: readonly string[];
}

/**
 * The same keyed diff in DuckDB, for files larger than a JavaScript heap holds comfortably. DuckDB
 * reads both CSV files (the dialect guessed by core's detector), normalises the key as `keyOf`
 * does (trim, NFC, lower case), checks key conflicts, and FULL OUTER JOINs on the key; only
 * records that are added, gone, or differ in some compared column come back to JavaScript, where
 * `compareFields` (NFC, per-field update rules, cosmetic class) and the page's change writers finish
 * the job, so the change file is the JS engine's, byte for byte.
 *
 * Known difference: DuckDB's `lower` maps characters one by one, so a key compared
 * case-insensitively that holds a final Greek sigma (JavaScript: ς in context) can pair
 * differently. Keys in Latin, CJK and most other scripts match.
 */
export async function duckdbDiff(
  ctx: CliContext,
  a: DiffArgs,
): Promise<{ counts: DiffCounts; compareColumns: string[]; keptOut: Readonly<Record<string, number>> }> {
  const duck = await loadDuck();
  if (duck === null) throw new CliError('cli.duckdb.missing');
  const baseDialect = await csvDialect(a.baseline);
  const nextDialect = await csvDialect(a.next);
  const instance = await duck.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const stop = () => conn.interrupt();
  ctx.signal.addEventListener('abort', stop);
  try {
    if (ctx.maxMemory !== null)
      await conn.run(`SET memory_limit = ${literal(`${Math.floor(ctx.maxMemory / 2 ** 20)}MB`)}`);
    ctx.progress.tick({ phase: 'read', done: 0 });
    const base = await loadSide(conn, 'b', a.baseline, baseDialect);
    const next = await loadSide(conn, 'n', a.next, nextDialect);
    throwIfAborted(ctx.signal);
    for (const column of a.key) {
      if (!base.columns.includes(column) && !next.columns.includes(column)) {
        throw new CliError('cli.key.unknown', {
          column,
          file: a.next,
          columns: next.columns.join(', '),
        });
      }
    }
    const compare = a.compare
      ? [...a.compare]
      : base.columns.filter((c) => next.columns.includes(c));
    const extra = a.key.filter((c) => !compare.includes(c));
    const fields = [...extra, ...compare];
    const spec: KeySpec = { columns: [...a.key], trim: a.trim, caseInsensitive: a.caseInsensitive };
    await keyed(conn, base, spec, fields);
    await keyed(conn, next, spec, fields);
    await checkConflicts(conn, a);
    ctx.progress.tick({ phase: 'diff', done: 0 });

    const cols = fields.map((_, i) => `n.f${i} AS n${i}, b.f${i} AS b${i}`).join(', ');
    const differs =
      compare
        .map((c) => `n.f${fields.indexOf(c)} IS DISTINCT FROM b.f${fields.indexOf(c)}`)
        .join(' OR ') || 'false';
    // One join: every pair with a flag; then the counts, and the values of the flagged records only.
    await conn.run(
      `CREATE TABLE j AS SELECT n.rn AS nrn, b.rn AS brn,
         (n.rn IS NOT NULL AND b.rn IS NOT NULL AND (${differs})) AS d
       FROM nk n FULL OUTER JOIN bk b ON n.k = b.k`,
    );
    const does = modeDoes(a.mode);
    const gone = does.remove ? 'OR j.nrn IS NULL' : '';
    const rows = (
      await conn.runAndReadAll(
        `SELECT j.nrn, j.brn, ${cols}
         FROM j LEFT JOIN nk n ON n.rn = j.nrn LEFT JOIN bk b ON b.rn = j.brn
         WHERE j.brn IS NULL ${gone} OR j.d
         ORDER BY j.nrn IS NULL, j.nrn, j.brn`,
      )
    ).getRows();
    const tally = (
      await conn.runAndReadAll(
        `SELECT count(*) FILTER (WHERE brn IS NULL)::INTEGER, count(*) FILTER (WHERE nrn IS NULL)::INTEGER,
                count(*) FILTER (WHERE nrn IS NOT NULL AND brn IS NOT NULL)::INTEGER
         FROM j`,
      )
    ).getRows()[0] as number[];
    throwIfAborted(ctx.signal);

    // The few records that matter, as two small tables the change writers read like any other.
    const nb = new TableBuilder(fields);
    const bb = new TableBuilder(fields);
    const kinds: number[] = [];
    const keys: string[] = [];
    const nextRows: number[] = [];
    const baseRows: number[] = [];
    const changes = new Map<number, FieldChange[]>();
    const keyAt = a.key.map((k) => fields.indexOf(k));
    let modified = 0;
    let cosmetic = 0;
    let ignored = 0;
    const fieldOpts = { rules: rulesFor(a.rules, compare), quietClass: a.quietClass };
    const keptOutAt = compare.map(() => 0);
    for (const row of rows) {
      const nrn = row[0] as number | null;
      const brn = row[1] as number | null;
      const after = fields.map((_, i) => row[2 + 2 * i] as Cell);
      const before = fields.map((_, i) => row[3 + 2 * i] as Cell);
      const i = kinds.length;
      if (nrn !== null && brn !== null) {
        const list = compareFields(
          compare,
          compare.map((c) => before[fields.indexOf(c)] ?? null),
          compare.map((c) => after[fields.indexOf(c)] ?? null),
          fieldOpts,
          does.update ? keptOutAt : undefined,
        );
        if (list.length === 0) continue;
        if (!does.update) {
          // "Only add new": the mode leaves every differing record as it is.
          ignored++;
          continue;
        }
        const kind = list.every((f) => f.cosmetic) ? KIND_CODE.cosmetic : KIND_CODE.modified;
        if (kind === KIND_CODE.cosmetic) cosmetic++;
        else modified++;
        changes.set(i, list);
        kinds.push(kind);
      } else if (nrn !== null && !does.add) {
        continue;
      } else {
        kinds.push(nrn !== null ? KIND_CODE.added : KIND_CODE.removed);
      }
      const side = nrn !== null ? after : before;
      keys.push(
        keyOf(
          keyAt.map((k) => side[k] ?? null),
          spec,
        ) as string,
      );
      nextRows.push(nrn === null ? -1 : nb.rowCount);
      baseRows.push(brn === null ? -1 : bb.rowCount);
      if (nrn !== null) nb.appendRow(after, nrn + 2);
      if (brn !== null) bb.appendRow(before, brn + 2);
    }
    const matched = tally[2] as number;
    const counts: DiffCounts = {
      added: does.add ? (tally[0] as number) : 0,
      removed: does.remove ? (tally[1] as number) : 0,
      absent: does.remove ? 0 : (tally[1] as number),
      modified,
      cosmetic,
      unchanged: matched - modified - cosmetic - ignored,
      ignored: ignored + (does.add ? 0 : (tally[0] as number)),
    };
    const keptOut = Object.create(null) as Record<string, number>;
    compare.forEach((c, f) => (keptOut[c] = keptOutAt[f] as number));
    const diff = result(
      spec,
      compare,
      a,
      kinds,
      keys,
      baseRows,
      nextRows,
      changes,
      counts,
      keptOut,
      base,
      next,
    );
    const source = { base: bb.finish(), next: nb.finish() };
    const chunks =
      a.format === 'json'
        ? serializeChangesJson(diff, acceptAll(), source)
        : a.format === 'csv'
          ? serializeChangesCsv(diff, acceptAll(), {
              ...source,
              csv: resolveCsv(a.csv, await utf8HasNonAscii(a.next)),
            })
          : serializeChangesXml(diff, acceptAll(), source);
    ctx.progress.done();
    if (a.out === null) {
      if (!ctx.json) for (const c of chunks) ctx.stdout.write(c);
    } else {
      const w = await writeChunks(a.out, chunks, ctx.signal);
      ctx.say(
        ctx.t('cli.written', {
          file: a.out,
          size: formatBytes(ctx.locale, w.size),
          sha256: w.sha256,
        }),
      );
    }
    return { counts, compareColumns: compare, keptOut };
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    conn.closeSync();
    instance.closeSync();
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

interface Dialect {
  readonly delimiter: string;
  readonly quote: string;
  readonly skip: number;
}

/** core's guess for a file, from its first MiB: DuckDB is told the dialect rather than guessing its own. */
async function csvDialect(path: string): Promise<Dialect> {
  const handle = await open(path, 'r');
  let head: Uint8Array;
  try {
    const buf = new Uint8Array(1024 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const { settings } = new SourceFile(head, basename(path)).detect();
  if (
    settings.format !== 'csv' ||
    settings.encoding !== 'utf-8' ||
    settings.dialect.header !== 'first-row'
  ) {
    throw new CliError('cli.duckdb.unsupported', {
      file: path,
      format: settings.format,
      encoding: settings.encoding,
    });
  }
  return {
    delimiter: settings.dialect.delimiter,
    quote: settings.dialect.quoteChar,
    skip: settings.dialect.skipLines,
  };
}

async function loadSide(conn: Connection, name: string, path: string, d: Dialect): Promise<Side> {
  const table = `${name}_raw`;
  // A table keeps insertion order in `rowid`: each record's place in the file, with no window function.
  await conn.run(
    `CREATE TABLE ${table} AS SELECT * FROM read_csv(${literal(path)},
       header = true, all_varchar = true, delim = ${literal(d.delimiter)}, quote = ${literal(d.quote)},
       escape = ${literal(d.quote)}, skip = ${d.skip}, nullstr = ${literal(NO_NULL)}, null_padding = true,
       strict_mode = false)`,
  );
  const described = (await conn.runAndReadAll(`DESCRIBE ${table}`)).getRows();
  return { path, table, columns: described.map((r) => String(r[0])) };
}

/** One side keyed: row number, normalised key (NULL when any part is missing or empty), the fields. */
async function keyed(
  conn: Connection,
  side: Side,
  spec: KeySpec,
  fields: readonly string[],
): Promise<void> {
  const part = (column: string): string => {
    if (!side.columns.includes(column)) return 'NULL';
    const c = ident(column);
    const slow = `nfc_normalize(${spec.trim ? `trim(${c}, ${literal(JS_TRIM)})` : c})`;
    // Printable ASCII with no space at either end is already trimmed and in NFC: skip the costly path.
    const plain = spec.trim
      ? `regexp_full_match(${c}, '[!-~]([ -~]*[!-~])?')`
      : `regexp_full_match(${c}, '[ -~]*')`;
    const v = `CASE WHEN ${plain} THEN ${c} ELSE ${slow} END`;
    return `nullif(${spec.caseInsensitive ? `lower(${v})` : v}, '')`;
  };
  const parts = spec.columns.map(part);
  const key =
    parts.length === 1
      ? (parts[0] as string)
      : `CASE WHEN ${parts.map((p) => `${p} IS NULL`).join(' OR ')} THEN NULL ELSE [${parts.join(', ')}] END`;
  const values = fields
    .map((f, i) => `${side.columns.includes(f) ? ident(f) : 'NULL::VARCHAR'} AS f${i}`)
    .join(', ');
  const out = side.table === 'b_raw' ? 'bk' : 'nk';
  await conn.run(
    `CREATE TABLE ${out} AS SELECT rowid::INTEGER AS rn, ${key} AS k${values ? `, ${values}` : ''} FROM ${side.table}`,
  );
  await conn.run(`DROP TABLE ${side.table}`);
}

/** Missing and repeated keys refuse the diff, as they block the page's commit and changes export. */
async function checkConflicts(conn: Connection, a: DiffArgs): Promise<void> {
  const facts = async (t: string) =>
    (
      await conn.runAndReadAll(
        `WITH d AS (SELECT k FROM ${t} WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1)
         SELECT (SELECT count(*) FROM ${t} WHERE k IS NULL)::INTEGER,
                (SELECT count(*) FROM d)::INTEGER,
                (SELECT min(rn) FROM ${t} WHERE k IS NULL OR k IN (SELECT k FROM d))::INTEGER`,
      )
    ).getRows()[0] as (number | null)[];
  const quick = (
    await conn.runAndReadAll(
      `SELECT (SELECT count(*) - count(DISTINCT k) FROM bk)::INTEGER, (SELECT count(*) - count(DISTINCT k) FROM nk)::INTEGER`,
    )
  ).getRows()[0] as number[];
  // count(DISTINCT k) leaves NULL keys out: 0 means every key is present and once only.
  if (quick[0] === 0 && quick[1] === 0) return;
  const b = await facts('bk');
  const n = await facts('nk');
  const missing = (b[0] as number) + (n[0] as number);
  const duplicates = (b[1] as number) + (n[1] as number);
  if (missing + duplicates === 0) return;
  const onNext = (n[0] as number) + (n[1] as number) > 0;
  const first = onNext ? n[2] : b[2];
  throw new CliError('cli.key.conflicts', {
    missing,
    duplicates,
    row: first === null || first === undefined ? '?' : first + 1,
    file: onNext ? a.next : a.baseline,
  });
}

function result(
  key: KeySpec,
  compare: readonly string[],
  a: DiffArgs,
  kinds: readonly number[],
  keys: readonly string[],
  baseRows: readonly number[],
  nextRows: readonly number[],
  fields: ReadonlyMap<number, readonly FieldChange[]>,
  counts: DiffCounts,
  keptOut: Readonly<Record<string, number>>,
  base: Side,
  next: Side,
): DiffResult {
  const fieldCounts = Object.create(null) as Record<string, number>;
  for (const c of compare) fieldCounts[c] = 0;
  let wouldClear = 0;
  for (const list of fields.values()) {
    for (const f of list) {
      fieldCounts[f.column] = (fieldCounts[f.column] ?? 0) + 1;
      if (f.clears) wouldClear++;
    }
  }
  return {
    canonicalVersion: CANONICAL_VERSION,
    key,
    compareColumns: [...compare],
    mode: a.mode,
    rules: a.rules,
    kinds: Uint8Array.from(kinds),
    keys,
    baseRows: Int32Array.from(baseRows),
    nextRows: Int32Array.from(nextRows),
    fields,
    counts,
    fieldCounts,
    wouldClear,
    keptOut,
    columnsAdded: next.columns.filter((c) => !base.columns.includes(c)),
    columnsRemoved: base.columns.filter((c) => !next.columns.includes(c)),
    conflicts: { base: { missing: [], duplicates: [] }, next: { missing: [], duplicates: [] } },
    blocked: false,
    // Not computed here: the change files do not carry them.
    digests: { base: '', next: '' },
    stats: { buckets: 0, differingBuckets: 0, digestCalls: 0, recordDigests: 0 },
  };
}

/**
 * `sourceHasNonAscii` for a UTF-8 CSV, streamed: any byte ≥ 0x80 after the BOM. It decides the
 * automatic BOM of a CSV change file, as the page decides it from the file it read.
 */
async function utf8HasNonAscii(path: string): Promise<boolean> {
  let first = true;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    let i = 0;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
    first = false;
    for (; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  }
  return false;
}
