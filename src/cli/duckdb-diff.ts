import { isAscii } from 'node:buffer';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
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
import { isAbortError } from '../core/model/porter-error';
import type { Table } from '../core/model/table';
import type { CsvWriteOptions } from '../core/write/write-types';
import { formatBytes } from '../i18n/translate';
import { CliError } from './cli-error';
import type { CliContext } from './context';
import type { DiffArgs } from './diff-command';
import { openOutput } from './files';

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

/**
 * True when the optional `@duckdb/node-api` package is installed. `CRM_PORTER_DUCKDB=0` makes the
 * command act as if it were not (docs/cli.md), to try what a machine without it would do.
 */
export async function duckdbUsable(): Promise<boolean> {
  if (process.env['CRM_PORTER_DUCKDB'] === '0') return false;
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
  readonly dialect: Dialect;
  readonly columns: readonly string[];
}

/**
 * `CRM_PORTER_TRACE=1` prints each step's wall and CPU time (DuckDB's threads included) to
 * standard error: how bench/cli-diff.mjs finds where the time goes.
 */
function tracer(): (step: string) => void {
  if (process.env['CRM_PORTER_TRACE'] !== '1') return () => undefined;
  let wall = performance.now();
  let cpu = process.cpuUsage();
  return (step) => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    process.stderr.write(
      `trace ${step.padEnd(12)} ${(now - wall).toFixed(0).padStart(6)} ms wall ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms CPU\n`,
    );
    wall = now;
    cpu = process.cpuUsage();
  };
}

/**
 * Changed records handed to the change writers at once: bounds what JavaScript holds.
 * `CRM_PORTER_DUCKDB_BATCH` sets it smaller in tests, so batch seams are exercised.
 */
function batchRows(): number {
  const n = Number(process.env['CRM_PORTER_DUCKDB_BATCH']);
  return Number.isInteger(n) && n > 0 ? n : 16_384;
}

/**
 * The same keyed diff in DuckDB, for files larger than a JavaScript heap holds comfortably. DuckDB
 * reads both CSV files (the dialect guessed by core's detector) straight into two keyed tables,
 * normalising the key as `keyOf` does (trim, NFC, lower case), checks key conflicts, and FULL
 * OUTER JOINs on the key; only records that are added, gone, or differ in some compared column
 * come back to JavaScript, streamed in batches in the JS engine's order. `compareFields` (NFC,
 * per-field update rules, cosmetic class) and the page's change writers finish each batch, so the
 * change file is the JS engine's, byte for byte, while memory stays bounded: DuckDB keeps under
 * `--max-memory` (spilling to a temporary folder) and JavaScript holds one batch.
 *
 * Known difference: DuckDB's `lower` maps characters one by one, so a key compared
 * case-insensitively that holds a final Greek sigma (JavaScript: ς in context) can pair
 * differently. Keys in Latin, CJK and most other scripts match.
 */
export async function duckdbDiff(
  ctx: CliContext,
  a: DiffArgs,
): Promise<{
  counts: DiffCounts;
  compareColumns: string[];
  keptOut: Readonly<Record<string, number>>;
}> {
  const trace = tracer();
  const duck = await loadDuck();
  if (duck === null) throw new CliError('cli.duckdb.missing');
  trace('load duckdb');
  const baseDialect = await csvDialect(a.baseline);
  const nextDialect = await csvDialect(a.next);
  // The automatic BOM of a CSV change file follows the new file's bytes; checked beside DuckDB's work.
  const nonAscii =
    a.format === 'csv' && a.csv.bom === 'auto' ? utf8HasNonAscii(a.next) : Promise.resolve(false);
  nonAscii.catch(() => undefined);
  const spill = await mkdtemp(join(tmpdir(), 'crm-porter-duckdb-'));
  const instance = await duck.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const stop = () => conn.interrupt();
  ctx.signal.addEventListener('abort', stop);
  try {
    await conn.run(`SET temp_directory = ${literal(spill)}`);
    if (ctx.maxMemory !== null)
      await conn.run(`SET memory_limit = ${literal(`${duckdbBudget(ctx.maxMemory)}MB`)}`);
    ctx.progress.tick({ phase: 'read', done: 0 });
    const base = await describe(conn, a.baseline, baseDialect);
    const next = await describe(conn, a.next, nextDialect);
    trace('describe');
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
    await keyed(conn, base, 'bk', spec, fields);
    throwIfAborted(ctx.signal);
    trace('read base');
    await keyed(conn, next, 'nk', spec, fields);
    throwIfAborted(ctx.signal);
    trace('read new');
    const sizes = await checkConflicts(conn, a);
    trace('conflicts');
    ctx.progress.tick({ phase: 'diff', done: 0 });

    // Each side's fields as one JSON array: one string per record crosses into JavaScript
    // instead of one per value (measured: reading values one by one was a third of the time).
    const side = (t: 'n' | 'b') =>
      `CASE WHEN ${t}.k IS NULL THEN NULL ELSE to_json([${fields.map((_, i) => `${t}.f${i}`).join(', ')}]) END`;
    const differs =
      compare
        .map((c) => `n.f${fields.indexOf(c)} IS DISTINCT FROM b.f${fields.indexOf(c)}`)
        .join(' OR ') || 'false';
    // Keys are never NULL past the conflict check, so a NULL key is the side a record lacks.
    // Gone records matter only to mirror; upsert counts them from the sizes.
    const does = modeDoes(a.mode);
    const gone = does.remove ? 'n.k IS NULL OR' : '';
    const joined = await conn.stream(
      `SELECT n.rowid::INTEGER, b.rowid::INTEGER, ${side('n')}, ${side('b')}
       FROM nk n FULL OUTER JOIN bk b ON n.k = b.k
       WHERE b.k IS NULL OR ${gone} (n.k IS NOT NULL AND b.k IS NOT NULL AND (${differs}))
       ORDER BY n.rowid IS NULL, n.rowid, b.rowid`,
    );

    const out = a.out === null ? null : await openOutput(a.out);
    try {
      const writer = new ChangeWriter(
        a,
        spec,
        compare,
        fields,
        base,
        next,
        await nonAscii,
        (text) => (out === null ? writeStdout(ctx, text) : out.writeText(text)),
      );
      let fetched = 0;
      for (;;) {
        const chunk = await joined.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        throwIfAborted(ctx.signal);
        await writer.addColumns(chunk.getColumns(), chunk.rowCount);
        fetched += chunk.rowCount;
        ctx.progress.tick({ phase: 'diff', rows: fetched, done: fetched });
      }
      await writer.end();
      throwIfAborted(ctx.signal);
      trace('join+write');
      const matched = sizes.next - writer.added;
      const counts: DiffCounts = {
        added: does.add ? writer.added : 0,
        removed: does.remove ? sizes.base - matched : 0,
        absent: does.remove ? 0 : sizes.base - matched,
        modified: writer.modified,
        cosmetic: writer.cosmetic,
        unchanged: matched - writer.modified - writer.cosmetic - writer.ignored,
        ignored: writer.ignored + (does.add ? 0 : writer.added),
      };
      ctx.progress.done();
      if (out !== null) {
        const w = await out.commit();
        ctx.say(
          ctx.t('cli.written', {
            file: w.path,
            size: formatBytes(ctx.locale, w.size),
            sha256: w.sha256,
          }),
        );
      }
      const keptOut = Object.create(null) as Record<string, number>;
      compare.forEach((c, f) => (keptOut[c] = writer.keptOutAt[f] as number));
      return { counts, compareColumns: compare, keptOut };
    } catch (err) {
      await out?.abort();
      throw err;
    }
  } catch (err) {
    throw duckError(err);
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    conn.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}

/**
 * DuckDB's share of `--max-memory`: what is left after Node itself and one batch of records
 * (measured: the command with DuckDB loaded sits near 120 MB before any work).
 */
export function duckdbBudget(maxMemory: number): number {
  return Math.max(64, Math.floor(maxMemory / 2 ** 20) - 160);
}

/** DuckDB's own out-of-memory error, told as the budget it is: what, and what to do. */
function duckError(err: unknown): unknown {
  if (err instanceof CliError || isAbortError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/Out of Memory/i.test(message.slice(0, 200)))
    return new CliError('cli.duckdb.memory', { reason: message.split('\n')[0] ?? message });
  return err;
}

async function writeStdout(ctx: CliContext, text: string): Promise<void> {
  if (ctx.json) return;
  if (!ctx.stdout.write(text)) await once(ctx.stdout, 'drain');
}

/** A batch's records as a table for the change writers (they read cells and whole rows only). */
function rowsTable(columns: readonly string[], rows: readonly Cell[][]): Table {
  return {
    columns,
    rowCount: rows.length,
    cell: (r, c) => rows[r]?.[c] ?? null,
    row: (r) => [...(rows[r] ?? [])],
    sourceRow: (r) => r + 2,
  };
}

/**
 * Turns streamed join rows into change-file text, one batch at a time: each batch is a small
 * diff over two small tables, serialised by the page's writers; the writers' opening and closing
 * text (CSV header, JSON brackets, XML root) is written once, so the whole equals what the
 * writers give for one diff of every record.
 */
class ChangeWriter {
  /** New records seen (added, or ignored when the mode does not add). */
  added = 0;
  modified = 0;
  cosmetic = 0;
  ignored = 0;
  readonly keptOutAt: number[];
  private readonly does: ReturnType<typeof modeDoes>;
  private readonly fieldOpts: Parameters<typeof compareFields>[3];
  private nb: Cell[][] = [];
  private bb: Cell[][] = [];
  private kinds: number[] = [];
  private keys: string[] = [];
  private nextRows: number[] = [];
  private baseRows: number[] = [];
  private changes = new Map<number, FieldChange[]>();
  private started = false;
  private readonly keyAt: number[];
  private readonly compareAt: number[];
  private readonly csv: CsvWriteOptions;
  private readonly frame: { head: string; tail: string };
  private readonly batch = batchRows();

  constructor(
    private readonly a: DiffArgs,
    private readonly spec: KeySpec,
    private readonly compare: readonly string[],
    private readonly fields: readonly string[],
    private readonly base: Side,
    private readonly next: Side,
    nonAscii: boolean,
    private readonly write: (text: string) => Promise<void>,
  ) {
    this.does = modeDoes(a.mode);
    this.fieldOpts = { rules: rulesFor(a.rules, compare), quietClass: a.quietClass };
    this.keptOutAt = compare.map(() => 0);
    this.keyAt = a.key.map((k) => fields.indexOf(k));
    this.compareAt = compare.map((c) => fields.indexOf(c));
    this.csv = resolveCsv(a.csv, nonAscii);
    // What the writers give for no change at all: the frame every batch's text sits in.
    const empty = this.serialize(this.diff([], [], [], [], new Map()), {
      base: rowsTable(fields, []),
      next: rowsTable(fields, []),
    });
    this.frame =
      a.format === 'csv'
        ? { head: empty, tail: '' }
        : a.format === 'json'
          ? { head: '[', tail: '\n]\n' }
          : { head: empty.slice(0, empty.length - '</changes>\n'.length), tail: '</changes>\n' };
  }

  /** One chunk of join rows, as DuckDB gives it: column by column, each side's fields as JSON. */
  async addColumns(columns: readonly (readonly unknown[])[], count: number): Promise<void> {
    const nrns = columns[0] as readonly (number | null)[];
    const brns = columns[1] as readonly (number | null)[];
    const afters = columns[2] as readonly (string | null)[];
    const befores = columns[3] as readonly (string | null)[];
    const none = this.fields.map((): Cell => null);
    for (let r = 0; r < count; r++) {
      const a = afters[r];
      const b = befores[r];
      const after = a === null || a === undefined ? [...none] : (JSON.parse(a) as Cell[]);
      const before = b === null || b === undefined ? [...none] : (JSON.parse(b) as Cell[]);
      this.add(nrns[r] ?? null, brns[r] ?? null, after, before);
      if (this.kinds.length >= this.batch) await this.flush();
    }
  }

  private add(nrn: number | null, brn: number | null, after: Cell[], before: Cell[]): void {
    const at = this.kinds.length;
    if (nrn !== null && brn !== null) {
      const list = compareFields(
        this.compare,
        this.compareAt.map((i) => before[i] ?? null),
        this.compareAt.map((i) => after[i] ?? null),
        this.fieldOpts,
        this.does.update ? this.keptOutAt : undefined,
      );
      if (list.length === 0) return;
      if (!this.does.update) {
        // "Only add new": the mode leaves every differing record as it is.
        this.ignored++;
        return;
      }
      const kind = list.every((f) => f.cosmetic) ? KIND_CODE.cosmetic : KIND_CODE.modified;
      if (kind === KIND_CODE.cosmetic) this.cosmetic++;
      else this.modified++;
      this.changes.set(at, list);
      this.kinds.push(kind);
    } else {
      // New records count even when the mode does not add them (they are `ignored` then).
      if (nrn !== null) this.added++;
      if (nrn !== null && !this.does.add) return;
      this.kinds.push(nrn !== null ? KIND_CODE.added : KIND_CODE.removed);
    }
    const side = nrn !== null ? after : before;
    this.keys.push(
      keyOf(
        this.keyAt.map((k) => side[k] ?? null),
        this.spec,
      ) as string,
    );
    this.nextRows.push(nrn === null ? -1 : this.nb.length);
    this.baseRows.push(brn === null ? -1 : this.bb.length);
    if (nrn !== null) this.nb.push(after);
    if (brn !== null) this.bb.push(before);
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.started) await this.write(this.frame.head);
    await this.write(this.frame.tail);
  }

  private async flush(): Promise<void> {
    if (this.kinds.length === 0) return;
    const text = this.serialize(
      this.diff(this.kinds, this.keys, this.baseRows, this.nextRows, this.changes),
      { base: rowsTable(this.fields, this.bb), next: rowsTable(this.fields, this.nb) },
    );
    this.nb = [];
    this.bb = [];
    this.kinds = [];
    this.keys = [];
    this.nextRows = [];
    this.baseRows = [];
    this.changes = new Map();
    // The batch's own records, without the frame; JSON separates batches with a comma.
    const { head, tail } = this.frame;
    const body =
      this.a.format === 'json'
        ? text.slice(1, text.length - tail.length)
        : text.slice(head.length, text.length - tail.length);
    const lead = this.started ? (this.a.format === 'json' ? ',' : '') : head;
    this.started = true;
    await this.write(lead + body);
  }

  private diff(
    kinds: readonly number[],
    keys: readonly string[],
    baseRows: readonly number[],
    nextRows: readonly number[],
    changes: ReadonlyMap<number, readonly FieldChange[]>,
  ): DiffResult {
    return result(
      this.spec,
      this.compare,
      this.a,
      kinds,
      keys,
      baseRows,
      nextRows,
      changes,
      this.base,
      this.next,
    );
  }

  private serialize(diff: DiffResult, source: { base: Table; next: Table }): string {
    const chunks =
      this.a.format === 'json'
        ? serializeChangesJson(diff, acceptAll(), source)
        : this.a.format === 'csv'
          ? serializeChangesCsv(diff, acceptAll(), { ...source, csv: this.csv })
          : serializeChangesXml(diff, acceptAll(), source);
    let text = '';
    for (const c of chunks) text += c;
    return text;
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

/** Whether the DuckDB engine reads a file: a UTF-8 CSV with a header row (a snapshot is NDJSON). */
export async function duckdbReads(path: string): Promise<boolean> {
  try {
    await csvDialect(path);
    return true;
  } catch (err) {
    if (err instanceof CliError) return false;
    throw err;
  }
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

/** The `read_csv` call of a file: every value as text, exactly as core's reader keeps it. */
function readCsvSql(path: string, d: Dialect): string {
  return `read_csv(${literal(path)}, header = true, all_varchar = true,
    delim = ${literal(d.delimiter)}, quote = ${literal(d.quote)}, escape = ${literal(d.quote)},
    skip = ${d.skip}, nullstr = ${literal(NO_NULL)}, null_padding = true, strict_mode = false)`;
}

/** A file's columns, from its header (DuckDB reads no further). */
async function describe(conn: Connection, path: string, dialect: Dialect): Promise<Side> {
  const described = (
    await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${readCsvSql(path, dialect)}`)
  ).getRows();
  return { path, dialect, columns: described.map((r) => String(r[0])) };
}

/**
 * One side read and keyed in a single pass: the normalised key (NULL when any part is missing or
 * empty) and the fields. The table keeps the file's order, so `rowid` is each record's place.
 */
async function keyed(
  conn: Connection,
  side: Side,
  table: 'bk' | 'nk',
  spec: KeySpec,
  fields: readonly string[],
): Promise<void> {
  const part = (column: string): string => {
    if (!side.columns.includes(column)) return 'NULL';
    const c = ident(column);
    const slow = `nfc_normalize(${spec.trim ? `trim(${c}, ${literal(JS_TRIM)})` : c})`;
    // ASCII (as many bytes as characters) is NFC already, and with no space or control character
    // at either end nothing is trimmed: most keys skip trim with a character list, the costly
    // part (measured: 0.9 s of CPU per million keys).
    const plain = spec.trim
      ? `strlen(${c}) = length(${c}) AND NOT (${c}[1] <= ' ' OR ${c}[-1] <= ' ')`
      : `strlen(${c}) = length(${c})`;
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
  await conn.run(
    `CREATE TABLE ${table} AS SELECT ${key} AS k${values ? `, ${values}` : ''}
     FROM ${readCsvSql(side.path, side.dialect)}`,
  );
}

/**
 * Missing and repeated keys refuse the diff, as they block the page's commit and changes export.
 * Returns each side's record count.
 */
async function checkConflicts(
  conn: Connection,
  a: DiffArgs,
): Promise<{ base: number; next: number }> {
  const facts = async (t: string) =>
    (
      await conn.runAndReadAll(
        `WITH d AS (SELECT k FROM ${t} WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1)
         SELECT (SELECT count(*) FROM ${t} WHERE k IS NULL)::INTEGER,
                (SELECT count(*) FROM d)::INTEGER,
                (SELECT min(rowid) FROM ${t} WHERE k IS NULL OR k IN (SELECT k FROM d))::INTEGER`,
      )
    ).getRows()[0] as (number | null)[];
  const quick = (
    await conn.runAndReadAll(
      `SELECT (SELECT count(*) FROM bk)::INTEGER, (SELECT count(DISTINCT k) FROM bk)::INTEGER,
              (SELECT count(*) FROM nk)::INTEGER, (SELECT count(DISTINCT k) FROM nk)::INTEGER`,
    )
  ).getRows()[0] as number[];
  const sizes = { base: quick[0] as number, next: quick[2] as number };
  // count(DISTINCT k) leaves NULL keys out: equal counts mean every key is present and once only.
  if (quick[0] === quick[1] && quick[2] === quick[3]) return sizes;
  const b = await facts('bk');
  const n = await facts('nk');
  const missing = (b[0] as number) + (n[0] as number);
  const duplicates = (b[1] as number) + (n[1] as number);
  if (missing + duplicates === 0) return sizes;
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
    // Not known per batch, and the change files do not carry them.
    counts: { added: 0, removed: 0, absent: 0, modified: 0, cosmetic: 0, unchanged: 0, ignored: 0 },
    keptOut: Object.create(null) as Record<string, number>,
    fieldCounts,
    wouldClear,
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
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let bytes = chunk as Buffer;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      bytes = bytes.subarray(3);
    first = false;
    if (!isAscii(bytes)) return true;
  }
  return false;
}
