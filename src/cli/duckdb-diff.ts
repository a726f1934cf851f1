import { once } from 'node:events';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ChangeOperation, OperationField } from '../core/diff/change-operations';
import { compareFields } from '../core/diff/compare-fields';
import type { DiffCounts } from '../core/diff/diff-types';
import { modeDoes, rulesFor, type UpdateRule } from '../core/diff/import-mode';
import { keyOf, type KeySpec } from '../core/diff/key-spec';
import { operationsTable, serializeOperationsCsv } from '../core/diff/serialize-changes-csv';
import { serializeOperationsJson } from '../core/diff/serialize-changes-json';
import { serializeOperationsXml } from '../core/diff/serialize-changes-xml';
import { SourceFile } from '../core/engine/read-source';
import { resolveCsv, type ChangeFormat } from '../core/job/job-file';
import type { Cell } from '../core/model/cell';
import { isAbortError } from '../core/model/porter-error';
import { csvParts } from '../core/write/csv-bytes';
import type { CsvWriteOptions } from '../core/write/write-types';
import { planUnflatten } from '../core/write/unflatten';
import { formatBytes } from '../i18n/translate';
import { CliError } from './cli-error';
import { checkKey, conflictsError, type SideConflicts } from './diff';
import type { T } from './text';
import type { CliContext } from './context';
import type { DiffArgs } from './diff-command';
import { openOutput } from './files';
import { headerNames, snapshotLayout } from '../core/read/ndjson-read';
import { isSnapshot, snapshotFiles } from './snapshot';
// The same test the CSV convert uses to decide its automatic BOM.
import { streamHasNonAscii } from './stream-convert';

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
  readonly columns: readonly string[];
  /** Where SQL reads the side's records from: a `read_csv` call, or a table. */
  readonly from: string;
  /** For a CSV file: the `read_csv` call by one thread (see `keyed`). */
  readonly serial?: string;
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
 * reads both files (a CSV file with the dialect guessed by core's detector, or as the baseline a
 * snapshot's NDJSON) straight into two keyed tables, normalising the key as `keyOf` does (trim,
 * NFC, lower case), checks key conflicts, FULL OUTER JOINs on the key and compares the fields in
 * SQL (`ComparePlan`: update rules, cosmetic class, import mode; non-ASCII differences go to
 * `compareFields`). Only the records the change file holds come back to JavaScript, streamed in
 * the JS engine's order, and the page's change writers write them batch by batch, so the change
 * file is the JS engine's, byte for byte, while memory stays bounded: DuckDB keeps under
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
  // The baseline may be a snapshot (its NDJSON, read_json); the new file is a CSV file.
  const baseDialect = (await isSnapshot(a.baseline)) ? null : await csvDialect(a.baseline);
  const nextDialect = await csvDialect(a.next);
  // The automatic BOM of a CSV change file follows the new file's bytes; checked beside DuckDB's work.
  const nonAscii =
    a.format === 'csv' && a.csv.bom === 'auto' ? streamHasNonAscii(a.next) : Promise.resolve(false);
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
    const base =
      baseDialect === null
        ? await snapshotSide(conn, a.baseline, ctx.maxMemory)
        : await describe(conn, a.baseline, baseDialect);
    const next = await describe(conn, a.next, nextDialect);
    trace('describe');
    checkKey(a.key, { file: a.baseline, columns: base.columns }, { file: a.next, columns: next.columns });
    const compare = a.compare
      ? [...a.compare]
      : base.columns.filter((c) => next.columns.includes(c));
    const extra = a.key.filter((c) => !compare.includes(c));
    const fields = [...extra, ...compare];
    const spec: KeySpec = { columns: [...a.key], trim: a.trim, caseInsensitive: a.caseInsensitive };
    await keyed(conn, base, 'bk', spec, fields);
    if (base.from === 'snap') await conn.run('DROP TABLE snap');
    throwIfAborted(ctx.signal);
    trace('read base');
    await keyed(conn, next, 'nk', spec, fields);
    throwIfAborted(ctx.signal);
    trace('read new');
    const sizes = await checkConflicts(conn, a, ctx.t);
    trace('conflicts');
    ctx.progress.tick({ phase: 'diff', done: 0 });

    const does = modeDoes(a.mode);
    const plan = new ComparePlan(
      fields,
      compare,
      rulesFor(a.rules, compare),
      a.quietClass,
      a.format,
      // The CSV writer's options but the BOM (decided by the new file's bytes, checked meanwhile).
      a.format === 'csv' ? resolveCsv(a.csv, false) : null,
    );
    // One FULL OUTER JOIN keeps the records added, gone, or differing in a compared column,
    // with SQL's verdict on each compared field (docs/cli.md, "The DuckDB engine").
    await conn.run(plan.joinSql());
    throwIfAborted(ctx.signal);
    trace('join');
    const sql = await plan.counts(conn, does);
    trace('counts');
    const joined = await conn.stream(plan.streamSql(does));

    const out = a.out === null ? null : await openOutput(a.out);
    try {
      const writer = new ChangeWriter(a, spec, compare, fields, await nonAscii, (chunk) =>
        out === null
          ? writeStdout(ctx, chunk)
          : typeof chunk === 'string'
            ? out.writeText(chunk)
            : out.writeBytes(chunk),
      );
      let fetched = 0;
      // DuckDB makes the next chunk (on its own thread) while JavaScript writes this one.
      let ahead = joined.fetchChunk();
      ahead.catch(() => undefined);
      try {
        for (;;) {
          const chunk = await ahead;
          if (chunk === null || chunk.rowCount === 0) break;
          throwIfAborted(ctx.signal);
            const [lines, rows] = chunk.getColumns() as (string | null)[][];
          ahead = joined.fetchChunk();
          // Awaited at the next turn; a failure meanwhile must not count as unhandled.
          ahead.catch(() => undefined);
          await writer.addRows(lines as (string | null)[], rows as (string | null)[], chunk.rowCount);
          fetched += chunk.rowCount;
          ctx.progress.tick({ phase: 'diff', rows: fetched, done: fetched });
        }
      } catch (err) {
        // The connection is closed below: not while a fetch is still running on it.
        await ahead.catch(() => undefined);
        throw err;
      }
      await writer.end();
      throwIfAborted(ctx.signal);
      trace('write');
      // SQL counted the records it judged; JavaScript the few it judged itself (non-ASCII).
      const matched = sizes.next - sql.added;
      const modified = sql.modified + writer.modified;
      const cosmetic = sql.cosmetic + writer.cosmetic;
      const ignored = sql.ignored + writer.ignored;
      const counts: DiffCounts = {
        added: does.add ? sql.added : 0,
        removed: does.remove ? sizes.base - matched : 0,
        absent: does.remove ? 0 : sizes.base - matched,
        modified,
        cosmetic,
        unchanged: matched - modified - cosmetic - ignored,
        ignored: ignored + (does.add ? 0 : sql.added),
        held: 0,
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
      compare.forEach(
        (c, f) => (keptOut[c] = (sql.keptOut[f] ?? 0) + (writer.keptOutAt[f] as number)),
      );
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

async function writeStdout(ctx: CliContext, text: string | Uint8Array): Promise<void> {
  if (ctx.json) return;
  if (!ctx.stdout.write(text)) await once(ctx.stdout, 'drain');
}

/** The SQL name of a field's value on one side of the join: `n0`, `b3`. */
const col = (side: 'n' | 'b', i: number): string => `${side}${i}`;

/** SQL for "this cell is empty" as core's `isEmpty` (missing or ''). */
const emptySql = (v: string): string => `(${v} IS NULL OR ${v} = '')`;

/** SQL for "a value of only ASCII characters" (missing counts as ASCII): as many bytes as characters. */
const asciiSql = (v: string): string => `coalesce(strlen(${v}) = length(${v}), true)`;

/**
 * `quietForm` of compare-fields.ts for ASCII text: whitespace runs (JavaScript's `\\s`, which on
 * ASCII is tab, line feed, vertical tab, form feed, carriage return and space) become one space,
 * the ends are trimmed, and the rest lower-cased. Only used where both values are ASCII.
 */
const quietSql = (v: string): string =>
  `lower(trim(regexp_replace(coalesce(${v}, ''), '[\\t\\n\\v\\f\\r ]+', ' ', 'g'), ' '))`;

/**
 * SQL for `keptOutBy(rule, before, after)` of import-mode.ts: the rule keeps the old value.
 */
function keptSql(rule: UpdateRule, before: string, after: string): string {
  if (rule === 'always') return 'false';
  if (rule === 'if-not-empty') return emptySql(after);
  return `(NOT ${emptySql(before)} OR ${emptySql(after)})`;
}

/** What the SQL side counted: the records and fields it judged itself. */
interface SqlCounts {
  readonly added: number;
  readonly modified: number;
  readonly cosmetic: number;
  readonly ignored: number;
  /** Per compared column (in `compare` order). */
  readonly keptOut: readonly number[];
}

/** SQL: the value is empty, or starts with printable ASCII other than `+`, `-`, `=`, `@`. */
const guardFreeSql = (v: string): string =>
  `(coalesce(${v}, '') = '' OR (unicode(${v}) BETWEEN 33 AND 126 AND unicode(${v}) NOT IN (43, 45, 61, 64)))`;

/**
 * A change record's CSV line in SQL, byte for byte what `csvParts` (csv-bytes.ts) writes for it,
 * where that is plain to decide: `fast` is true when every value is empty or (formula guard on)
 * starts with a printable ASCII character that is not a formula trigger (`=`, `+`, `-`, `@`),
 * so `needsFormulaGuardIn` (formula-guard.ts) is false; `text` is the operation and each value,
 * empty as nothing (`""` when every field is quoted), quoted (inner quotes doubled) when quoting
 * is `all` or when it holds the delimiter, `"`, CR or LF, or starts or ends with a space or tab;
 * then the newline. Records SQL cannot settle (`fast` false) are written by `csvParts` in
 * JavaScript. Null when the delimiter is not ASCII (its bytes are the writer's to decide).
 * Held to the JS engine's files by test/cli/duckdb-csv-lines.test.ts (values with quotes, delimiters,
 * line breaks, formulas, spaces at either end, non-ASCII text; every quoting and guard setting).
 */
function csvLineSql(
  csv: CsvWriteOptions,
  rec: readonly string[],
): { fast: string; text: string } | null {
  const d = csv.delimiter;
  if (d.length !== 1 || d.charCodeAt(0) >= 0x80 || d === '"' || d === '\r' || d === '\n')
    return null;
  const all = csv.quoting === 'all';
  const field = (v: string): string => {
    const quoted = `'"' || replace(${v}, '"', '""') || '"'`;
    if (all) return `CASE WHEN coalesce(${v}, '') = '' THEN '""' ELSE ${quoted} END`;
    const needs = [
      `contains(${v}, ${literal(d)})`,
      `contains(${v}, '"')`,
      `contains(${v}, chr(13))`,
      `contains(${v}, chr(10))`,
      `${v}[1] IN (' ', chr(9))`,
      `${v}[-1] IN (' ', chr(9))`,
    ].join(' OR ');
    return `CASE WHEN coalesce(${v}, '') = '' THEN '' WHEN ${needs} THEN ${quoted} ELSE ${v} END`;
  };
  const op = `CASE WHEN nr IS NULL THEN 'delete' WHEN br IS NULL THEN 'insert' ELSE 'update' END`;
  // The operation column goes through the same rules (quoted when every field is).
  const parts = [field(op), ...rec.map((v) => field(`(${v})`))];
  return {
    fast: csv.formulaGuard ? `(${rec.map((v) => guardFreeSql(`(${v})`)).join(' AND ')})` : 'true',
    text: `concat(${parts.join(`, ${literal(d)}, `)}, ${literal(csv.newline)})`,
  };
}

/**
 * The field comparison of `compareFields` (compare-fields.ts) as SQL, so only changed records
 * cross into JavaScript. Per compared field of a record on both sides, SQL decides exactly where
 * both values are ASCII: equal text is no change (NFC leaves ASCII alone), the field's update
 * rule may keep a difference out (`keptOutBy`), and a change is cosmetic when `quietForm` makes
 * the values equal.
 *
 * NFC is not left to SQL: DuckDB's `nfc_normalize` follows its own Unicode tables, which need not
 * be those of the JavaScript engine that writes the page's files, and JavaScript's `\\s` and
 * `toLowerCase` (in `quietForm`) cover more than ASCII. So a record with a differing field whose
 * values are not both ASCII is judged whole by `compareFields` itself, in JavaScript (`js` in the
 * join table): exact by construction, and rare in real exports.
 */
class ComparePlan {
  /** Index in `fields` of each compared column. */
  private readonly at: number[];

  constructor(
    private readonly fields: readonly string[],
    compare: readonly string[],
    private readonly rules: readonly UpdateRule[],
    private readonly quietClass: boolean,
    private readonly format: ChangeFormat,
    private readonly csv: CsvWriteOptions | null,
  ) {
    this.at = compare.map((c) => fields.indexOf(c));
  }

  /**
   * The join table `j`: each kept record's place on both sides (`nr`, `br`; NULL on the side it
   * lacks), both sides' fields, and for a record on both sides whether JavaScript must judge it
   * (`js`), each compared field's verdict (`c0`… changed, `o0`… kept out by its rule), whether any
   * field changed (`ch`) and whether every change is cosmetic (`cos`).
   */
  joinSql(): string {
    const n = this.fields.map((_, i) => `n.f${i} AS ${col('n', i)}`);
    const b = this.fields.map((_, i) => `b.f${i} AS ${col('b', i)}`);
    const distinct = this.at.map((i) => `${col('n', i)} IS DISTINCT FROM ${col('b', i)}`);
    const differs = this.at.map((i) => `n.f${i} IS DISTINCT FROM b.f${i}`).join(' OR ') || 'false';
    const js =
      this.at
        .map(
          (i, k) =>
            `(${distinct[k]} AND NOT (${asciiSql(col('n', i))} AND ${asciiSql(col('b', i))}))`,
        )
        .join(' OR ') || 'false';
    const verdicts = this.at.flatMap((i, k) => {
      const kept = keptSql(this.rules[k] as UpdateRule, col('b', i), col('n', i));
      return [
        `${distinct[k]} AND NOT ${kept} AS c${k}`,
        `${distinct[k]} AND ${kept} AS o${k}`,
      ];
    });
    const ch = this.at.map((_, k) => `c${k}`).join(' OR ') || 'false';
    const cos = this.quietClass
      ? this.at
          // CASE, not OR: the regular expressions run only on changed fields.
          .map(
            (i, k) =>
              `(CASE WHEN c${k} THEN ${quietSql(col('n', i))} = ${quietSql(col('b', i))} ELSE true END)`,
          )
          .join(' AND ') || 'true'
      : 'false';
    // Keys are never NULL past the conflict check, so a NULL key is the side a record lacks.
    return `CREATE TABLE j AS
      WITH x AS (
        SELECT n.rowid AS nr, b.rowid AS br, ${[...n, ...b].join(', ')}
        FROM nk n FULL OUTER JOIN bk b ON n.k = b.k
        WHERE b.k IS NULL OR n.k IS NULL OR ${differs}),
      y AS (
        SELECT *, nr IS NOT NULL AND br IS NOT NULL AND (${js}) AS js${verdicts.map((v) => `, ${v}`).join('')}
        FROM x)
      SELECT *, ${ch} AS ch, ${cos} AS cos FROM y`;
  }

  /** Counts of what SQL judged (records on both sides not left to JavaScript, and new records). */
  async counts(conn: Connection, does: ReturnType<typeof modeDoes>): Promise<SqlCounts> {
    const judged = 'nr IS NOT NULL AND br IS NOT NULL AND NOT js';
    const kept = this.at.map((_, k) => `count(*) FILTER (WHERE ${judged} AND o${k})::INTEGER`);
    const row = (
      await conn.runAndReadAll(
        `SELECT count(*) FILTER (WHERE br IS NULL)::INTEGER,
                count(*) FILTER (WHERE ${judged} AND ch AND NOT cos)::INTEGER,
                count(*) FILTER (WHERE ${judged} AND ch AND cos)::INTEGER
                ${kept.map((k) => `, ${k}`).join('')}
         FROM j`,
      )
    ).getRows()[0] as number[];
    const [added, modified, cosmetic] = row as [number, number, number];
    // "Only add new" leaves every differing record as it is, and counts no rule at work.
    return does.update
      ? { added, modified, cosmetic, ignored: 0, keptOut: row.slice(3) }
      : { added, modified: 0, cosmetic: 0, ignored: modified + cosmetic, keptOut: [] };
  }

  /**
   * The records the change file holds, or that JavaScript must judge, in the JS engine's order
   * (new file's order, then gone records in the baseline's). Each row is `nr`, `br`, `js`, then
   * per field `r0`… the record as written (the new record, the gone one, the merged one for an
   * update — the old record with the changed fields' new values —, the new side when `js`), then
   * per field `p0`… the baseline's value where JavaScript needs it (when `js`: every field; for
   * an update in JSON or XML: the changed compared fields), then per compared column `c0`…
   * whether an update changed it (JSON, XML). All in one JSON array per row: `@duckdb/node-api`
   * turns each value into a JavaScript string by a native call and a `TextDecoder`, about a
   * microsecond a value, so one string per record and `JSON.parse` beat a column per value
   * (measured: about half the time at 30,000 records of 5 fields).
   *
   * A CSV change file's records come as their written line where SQL can write it exactly
   * (`csvLineSql`), and as that JSON array (the second column) otherwise.
   */
  streamSql(does: ReturnType<typeof modeDoes>): string {
    const detail = this.format !== 'csv';
    const both = 'nr IS NOT NULL AND br IS NOT NULL';
    const rec = this.fields.map((_, i) => {
      const k = this.at.indexOf(i);
      const merged = k < 0 ? col('b', i) : `CASE WHEN c${k} THEN ${col('n', i)} ELSE ${col('b', i)} END`;
      return `CASE WHEN nr IS NULL THEN ${col('b', i)} WHEN br IS NULL OR js THEN ${col('n', i)} ELSE ${merged} END`;
    });
    const prev = this.fields.map((_, i) => {
      const k = this.at.indexOf(i);
      return detail && k >= 0
        ? `CASE WHEN js OR (${both} AND c${k}) THEN ${col('b', i)} END`
        : `CASE WHEN js THEN ${col('b', i)} END`;
    });
    const mask = detail ? this.at.map((_, k) => `${both} AND NOT js AND c${k}`) : [];
    const keep = [
      does.add ? 'br IS NULL' : null,
      does.remove ? 'nr IS NULL' : null,
      `js`,
      does.update ? `(${both} AND ch)` : null,
    ].filter((c) => c !== null);
    const json = `json_array(nr::INTEGER, br::INTEGER, js${[...rec, ...prev, ...mask].map((c) => `, ${c}`).join('')})::VARCHAR`;
    const line = this.csv === null ? null : csvLineSql(this.csv, rec);
    if (line === null) {
      return `SELECT NULL::VARCHAR, ${json} FROM j WHERE ${keep.join(' OR ')}
      ORDER BY nr IS NULL, nr, br`;
    }
    return `SELECT CASE WHEN NOT js AND ${line.fast} THEN ${line.text} END,
        CASE WHEN js OR NOT (${line.fast}) THEN ${json} END
      FROM j WHERE ${keep.join(' OR ')}
      ORDER BY nr IS NULL, nr, br`;
  }
}

/**
 * Turns streamed join rows into change-file text, one batch at a time: each batch's operations
 * are serialised by the page's writers; the writers' opening and closing text (CSV header, JSON
 * brackets, XML root) is written once, so the whole equals what the writers give for one diff of
 * every record.
 */
class ChangeWriter {
  /** What JavaScript judged itself (records with non-ASCII differing fields). */
  modified = 0;
  cosmetic = 0;
  ignored = 0;
  readonly keptOutAt: number[];
  private readonly does: ReturnType<typeof modeDoes>;
  private readonly fieldOpts: Parameters<typeof compareFields>[3];
  /** The batch: operations, and (CSV) lines SQL wrote, in the file's order. */
  private ops: (ChangeOperation | string)[] = [];
  /** Records written from SQL's lines (CSV). */
  lines = 0;
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
    nonAscii: boolean,
    private readonly write: (chunk: string | Uint8Array) => Promise<void>,
  ) {
    this.does = modeDoes(a.mode);
    this.fieldOpts = { rules: rulesFor(a.rules, compare), quietClass: a.quietClass };
    this.keptOutAt = compare.map(() => 0);
    this.keyAt = a.key.map((k) => fields.indexOf(k));
    this.compareAt = compare.map((c) => fields.indexOf(c));
    this.csv = resolveCsv(a.csv, nonAscii);
    // What the writers give for no change at all: the frame every batch's text sits in.
    const empty = this.serialize([]);
    this.frame =
      a.format === 'csv'
        ? { head: empty, tail: '' }
        : a.format === 'json'
          ? { head: '[', tail: '\n]\n' }
          : { head: empty.slice(0, empty.length - '</changes>\n'.length), tail: '</changes>\n' };
  }

  /**
   * One chunk of join rows, as DuckDB gives it (`ComparePlan.streamSql`): per row a CSV line
   * SQL wrote, or a JSON array.
   */
  async addRows(
    lines: readonly (string | null)[],
    rows: readonly (string | null)[],
    count: number,
  ): Promise<void> {
    const width = this.fields.length;
    for (let r = 0; r < count; r++) {
      const line = lines[r];
      if (line !== null && line !== undefined) {
        this.ops.push(line);
        this.lines++;
      } else {
        const row = JSON.parse(rows[r] as string) as (Cell | number | boolean)[];
        const rec = row.slice(3, 3 + width) as Cell[];
        if (row[2] === true) this.judge(rec, row.slice(3 + width, 3 + 2 * width) as Cell[]);
        else if (row[1] === null) this.push('insert', rec, true);
        else if (row[0] === null) this.push('delete', rec, false);
        else this.update(rec, row, 3 + width);
      }
      if (this.ops.length >= this.batch) await this.flush();
    }
  }

  private zip(values: readonly Cell[]): OperationField[] {
    return this.fields.map((column, f) => ({ column, value: values[f] ?? null }));
  }

  /**
   * An insert (`added`) or delete. The CSV writer reads only `op` and `record`: for CSV the key
   * and the field lists are not built (a million records' worth of work the file never shows).
   */
  private push(op: 'insert' | 'delete', record: Cell[], added: boolean): void {
    if (this.a.format === 'csv') {
      this.ops.push({ op, key: '', fields: [], old: [], record });
      return;
    }
    const zipped = this.zip(record);
    this.ops.push({
      op,
      key: this.keyFor(record),
      fields: added ? zipped : [],
      old: added ? [] : zipped,
      record,
    });
  }

  private keyFor(record: readonly Cell[]): string {
    return keyOf(
      this.keyAt.map((k) => record[k] ?? null),
      this.spec,
    ) as string;
  }

  /**
   * An update SQL judged: the merged record, and (JSON, XML) the changed fields and old values,
   * read from the row past `prev` (the baseline's values by field, then the changed flags).
   */
  private update(record: Cell[], row: readonly unknown[], prev: number): void {
    if (this.a.format === 'csv') {
      this.ops.push({ op: 'update', key: '', fields: [], old: [], record });
      return;
    }
    const fields: OperationField[] = [];
    const before: OperationField[] = [];
    const masks = prev + this.fields.length;
    for (let k = 0; k < this.compare.length; k++) {
      if (row[masks + k] !== true) continue;
      const column = this.compare[k] as string;
      const at = this.compareAt[k] as number;
      fields.push({ column, value: record[at] ?? null });
      before.push({ column, value: (row[prev + at] as Cell | undefined) ?? null });
    }
    this.ops.push({ op: 'update', key: this.keyFor(record), fields, old: before, record });
  }

  /** A record on both sides that SQL left to `compareFields` (a non-ASCII difference). */
  private judge(after: Cell[], before: Cell[]): void {
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
    if (list.every((f) => f.cosmetic)) this.cosmetic++;
    else this.modified++;
    // As `walkOperations`: the baseline record with the accepted changes, keyed by the new side.
    const record = [...before];
    for (const f of list) record[this.fields.indexOf(f.column)] = f.after;
    this.ops.push({
      op: 'update',
      key: this.keyFor(after),
      fields: list.map((f) => ({ column: f.column, value: f.after })),
      old: list.map((f) => ({ column: f.column, value: f.before })),
      record,
    });
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.started) await this.write(this.frame.head);
    await this.write(this.frame.tail);
  }

  private async flush(): Promise<void> {
    if (this.ops.length === 0) return;
    if (this.a.format === 'csv') return this.flushCsv();
    // Lines come only for CSV: JSON and XML batches hold operations alone.
    const text = this.serialize(this.ops as ChangeOperation[]);
    this.ops = [];
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

  /**
   * A CSV batch as bytes, by `csvParts`: the page's byte writer, held to `serializeCsv`'s text
   * byte for byte (test/unit/core/write/csv-bytes.test.ts), without a string per cell. Its BOM
   * and header (the bytes it gives for no record) are written once, before the first batch.
   */
  private async flushCsv(): Promise<void> {
    const batch = this.ops;
    this.ops = [];
    if (!this.started) {
      this.started = true;
      const head = this.csvHead();
      await this.write(head.slice());
    }
    const skip = this.csvHead().length;
    let text = '';
    let run: ChangeOperation[] = [];
    const writeRun = async () => {
      if (run.length === 0) return;
      let left = skip;
      for (const part of csvParts(operationsTable(this.fields, run), this.csv)) {
        const from = Math.min(left, part.length);
        left -= from;
        // A part is a view of the writer's reused buffer: copied before the writer resumes.
        if (from < part.length) await this.write(part.slice(from));
      }
      run = [];
    };
    for (const item of batch) {
      if (typeof item === 'string') {
        if (run.length > 0) await writeRun();
        text += item;
      } else {
        if (text !== '') await this.write(text);
        text = '';
        run.push(item);
      }
    }
    await writeRun();
    if (text !== '') await this.write(text);
  }

  private head: Uint8Array | null = null;

  /** What `csvParts` writes before the first record (BOM, header). */
  private csvHead(): Uint8Array {
    if (this.head === null) {
      const parts: Uint8Array[] = [];
      for (const part of csvParts(operationsTable(this.fields, []), this.csv)) parts.push(part.slice());
      this.head = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
    }
    return this.head;
  }

  private serialize(ops: readonly ChangeOperation[]): string {
    const chunks =
      this.a.format === 'json'
        ? serializeOperationsJson(ops)
        : this.a.format === 'csv'
          ? serializeOperationsCsv(this.fields, ops, this.csv)
          : serializeOperationsXml(ops);
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

/**
 * Whether the DuckDB engine reads a file: a UTF-8 CSV with a header row, or (`snapshot`, for the
 * baseline) a snapshot in the rows layout, or in the objects layout whose columns are flat names
 * (see `snapshotSide`).
 */
export async function duckdbReads(path: string, snapshot = false): Promise<boolean> {
  try {
    if (snapshot && (await isSnapshot(path))) {
      const { meta, data } = await snapshotFiles(path);
      if ((await dataLayout(path, data)) === 'objects') flatColumns(path, meta.columns);
    } else await csvDialect(path);
    return true;
  } catch (err) {
    if (err instanceof CliError) return false;
    throw err;
  }
}

/**
 * An objects-layout snapshot's columns, when each is written as a key of its own in the NDJSON
 * (the page's JSON writers nest dotted names, `a.b` as `{"a":{"b":…}}`, which `read_json` would
 * not find by name). The rows layout writes each column as an entry of its own: never asked.
 */
function flatColumns(path: string, columns: readonly string[]): readonly string[] {
  const plan = columns.length === 0 ? null : planUnflatten(columns, { attributes: false });
  const flat =
    plan !== null &&
    plan.children.every((n) => n.kind === 'leaf' && n.key === columns[n.column]);
  if (!flat)
    throw new CliError('cli.duckdb.unsupported', {
      file: path,
      format: 'snapshot (nested columns)',
      encoding: 'utf-8',
    });
  return columns;
}

/**
 * How a snapshot's data file is laid out, told by its first byte: `[` is the rows layout (a
 * header line, `JSON.stringify(columns)`, then one `JSON.stringify(cells)` array per record,
 * a missing cell `null`), whose header line is returned; anything else (`{`, or an empty file)
 * the objects layout (one object per record, a missing cell's key left out).
 */
async function dataLayout(path: string, data: string): Promise<'objects' | { header: string[] }> {
  const handle = await open(data, 'r');
  let line: Uint8Array;
  try {
    const parts: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      // The first read is small (the first byte tells the layout); the header line is read on.
      const buf = new Uint8Array(length === 0 ? 64 * 1024 : 1024 * 1024);
      const { bytesRead } = await handle.read(buf, 0, buf.length, length);
      if (length === 0) {
        // Told apart as the page's reader does (past a BOM and blank space: `snapshotLayout`).
        if (snapshotLayout(buf.subarray(0, bytesRead)) === 'records') return 'objects';
        // DuckDB reads the first line from the first byte: a BOM or blank space before the
        // header is left to the JS engine.
        if (buf[0] !== 0x5b)
          throw new CliError('cli.duckdb.unsupported', { file: path, format: 'snapshot (a BOM or blank space before its header)', encoding: 'utf-8' });
      }
      const end = buf.subarray(0, bytesRead).indexOf(0x0a);
      parts.push(buf.subarray(0, end < 0 ? bytesRead : end));
      length += end < 0 ? bytesRead : end;
      // The line ends at its line feed, or at the end of the file.
      if (end >= 0 || bytesRead === 0) break;
      if (length > ROWS_LINE_MAX) throw badRows(path, 'the header line is too long');
    }
    line = Buffer.concat(parts);
  } finally {
    await handle.close();
  }
  let header: string[];
  try {
    // The names as the page's reader takes them (`headerNames`): a JSON array of distinct strings.
    header = headerNames(new TextDecoder('utf-8', { fatal: true }).decode(line));
  } catch (err) {
    throw badRows(path, `the header line is not a list of distinct column names (${err instanceof Error ? err.message : String(err)})`);
  }
  // Left to the JS engine: no columns; names DuckDB's case-insensitive names would clash on
  // (`Email` beside `email` becomes `email_1`); an empty name (no SQL name); `rowid` (would
  // hide the place `readRows` deletes the header line by).
  const folded = new Set(header.map((c) => c.toLowerCase()));
  if (header.length === 0 || folded.size !== header.length || folded.has('') || folded.has('rowid'))
    throw new CliError('cli.duckdb.unsupported', {
      file: path,
      format: 'snapshot (no columns, an empty name, rowid, or names differing only in case)',
      encoding: 'utf-8',
    });
  return { header };
}

/** DuckDB's `read_json` refuses a line longer than its `maximum_object_size` (16 MiB). */
const ROWS_LINE_MAX = 16 * 1024 * 1024;
/** The text of DuckDB's `error()` for a rows-layout line that is not an array of at most one entry per column. */
const ROWS_BAD_LINE = 'crm-porter: a line of the snapshot is not an array of one entry per column';

const badRows = (path: string, reason: string): CliError =>
  new CliError('cli.snapshot.invalid', { file: path, reason });

/**
 * A snapshot as the baseline (its data file beside the description, `snapshot-file.ts`), read by
 * DuckDB's `read_json` into the table `snap` of text columns, in the file's order (`rowid` is a
 * record's place). Snapshots hold text only (the writer gives no value types), so every value is
 * read as it was written. The stored fingerprints are not needed: SQL compares the values.
 *
 * Its columns are those the page's reader finds. In the objects layout: the description's columns
 * in the order they first hold a value (the writer leaves missing cells out of a line, and
 * writes a line's keys in column order), without those that never do. In the rows layout
 * (`dataLayout`): the header line's columns, all of them (even one whose every cell is missing),
 * in the header's order; the header is trusted over the description's `columns` (it says which
 * entry of a line is which column, as it does for the page's reader), and dotted names (`a.b`
 * beside `a`) are columns like any other.
 */
async function snapshotSide(
  conn: Connection,
  path: string,
  maxMemory: number | null,
): Promise<Side> {
  const { meta, data } = await snapshotFiles(path);
  const layout = await dataLayout(path, data);
  const all = layout === 'objects' ? flatColumns(path, meta.columns) : layout.header;
  const types = `{${all.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}}`;
  // read_json takes a 32 MiB buffer per thread (measured: two threads fail under a 64 MB
  // memory_limit, one reads): under a small budget the snapshot is read by one thread.
  const narrow = maxMemory !== null && duckdbBudget(maxMemory) < 256;
  if (narrow) await conn.run('SET threads = 1');
  if (layout !== 'objects') {
    await readRows(conn, path, data, layout.header);
    if (narrow) await conn.run('RESET threads');
    return { path, columns: layout.header, from: 'snap' };
  }
  await conn.run(
    `CREATE TABLE snap AS SELECT * FROM read_json(${literal(data)},
       format = 'newline_delimited', columns = ${types})`,
  );
  if (narrow) await conn.run('RESET threads');
  const firsts = (
    await conn.runAndReadAll(
      `SELECT ${all.map((c) => `(min(rowid) FILTER (WHERE ${ident(c)} IS NOT NULL))::DOUBLE`).join(', ')} FROM snap`,
    )
  ).getRows()[0] as (number | null)[];
  const columns = all
    .map((c, i) => ({ c, i, first: firsts[i] ?? null }))
    .filter((x) => x.first !== null)
    .sort((x, y) => (x.first as number) - (y.first as number) || x.i - y.i)
    .map((x) => x.c);
  return { path, columns, from: 'snap' };
}

/**
 * A rows-layout data file into `snap`: each line read by `read_json` as one list of text (a
 * JSON `null` entry as NULL), its entries taken out by place into a column each, named as the
 * header names them. The header line is read as a record too (the table keeps the file's
 * order, so it is `rowid` 0), checked to be the header and deleted. A line with more entries
 * than columns (or not an array) refuses the snapshot; a shorter one leaves its last cells
 * missing, as the page's reader does. Measured (10 columns, 2 cores, medians of 5): 200k records
 * in ~0.3 s against ~0.55 s for the same records in the objects layout; 1M in ~1.5 s against ~2.5 s.
 */
async function readRows(
  conn: Connection,
  path: string,
  data: string,
  header: readonly string[],
): Promise<void> {
  const cells = header.map((c, i) => {
    const cell = `j[${i + 1}]`;
    // No more entries than columns, checked once per line (on the first column).
    const checked =
      i === 0
        ? `CASE WHEN len(j) <= ${header.length} THEN ${cell} ELSE error(${literal(ROWS_BAD_LINE)}) END`
        : cell;
    return `${checked} AS ${ident(c)}`;
  });
  try {
    await conn.run(
      `CREATE TABLE snap AS SELECT ${cells.join(', ')} FROM read_json(${literal(data)},
         format = 'newline_delimited', records = false, columns = {'j': 'VARCHAR[]'})`,
    );
  } catch (err) {
    if (err instanceof Error && err.message.includes(ROWS_BAD_LINE))
      throw badRows(path, 'a line is not an array of at most one entry per column');
    throw err;
  }
  const described = (await conn.runAndReadAll('DESCRIBE snap')).getRows().map((r) => String(r[0]));
  const first = (await conn.runAndReadAll('SELECT * FROM snap WHERE rowid = 0')).getRows();
  if (
    JSON.stringify(described) !== JSON.stringify(header) ||
    first.length !== 1 ||
    JSON.stringify(first[0]) !== JSON.stringify(header)
  )
    throw new Error(`DuckDB did not read the header line of ${data} as its first line`);
  await conn.run('DELETE FROM snap WHERE rowid = 0');
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
function readCsvSql(path: string, d: Dialect, parallel = true): string {
  return `read_csv(${literal(path)}, header = true, all_varchar = true,
    delim = ${literal(d.delimiter)}, quote = ${literal(d.quote)}, escape = ${literal(d.quote)},
    skip = ${d.skip}, nullstr = ${literal(NO_NULL)}, null_padding = true, strict_mode = false${parallel ? '' : ', parallel = false'})`;
}

/** A file's columns, from its header (DuckDB reads no further). */
async function describe(conn: Connection, path: string, dialect: Dialect): Promise<Side> {
  const described = (
    await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${readCsvSql(path, dialect)}`)
  ).getRows();
  return {
    path,
    columns: described.map((r) => String(r[0])),
    from: readCsvSql(path, dialect),
    serial: readCsvSql(path, dialect, false),
  };
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
  const create = (from: string) =>
    conn.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT ${key} AS k${values ? `, ${values}` : ''}
       FROM ${from}`,
    );
  try {
    await create(side.from);
  } catch (err) {
    // DuckDB's parallel CSV reader refuses `null_padding` (short records padded, as core's
    // reader does) where it meets a line break inside quotes it cannot place (a lone CR in a
    // CRLF file): such a file is read again by one thread.
    const message = err instanceof Error ? err.message : '';
    if (side.serial === undefined || !message.includes('null_padding in conjunction with quoted new lines'))
      throw err;
    await create(side.serial);
  }
}

/**
 * Zero when every key of a side is present and once only: the missing keys, plus the groups of
 * keys by their 64-bit `hash` that hold more than one record. Grouping fixed-size hashes costs
 * a fraction of grouping the key text (`count(DISTINCT k)` took 4.6 s of one core at 10M
 * records); a hash shared by two different keys only sends the check to `facts`, which is exact.
 */
const badKeysSql = (t: string): string =>
  `((SELECT count(*) FROM ${t} WHERE k IS NULL) +
    (SELECT count(*) FROM (SELECT hash(k) AS h FROM ${t} WHERE k IS NOT NULL GROUP BY h HAVING count(*) > 1)))::INTEGER`;

/**
 * Missing and repeated keys refuse the diff, as they block the page's commit and changes export.
 * Returns each side's record count.
 */
async function checkConflicts(
  conn: Connection,
  a: DiffArgs,
  t: T,
): Promise<{ base: number; next: number }> {
  const facts = async (table: string) =>
    (
      await conn.runAndReadAll(
        `WITH d AS (SELECT k FROM ${table} WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1)
         SELECT (SELECT count(*) FROM ${table} WHERE k IS NULL)::INTEGER,
                (SELECT count(*) FROM d)::INTEGER,
                (SELECT min(rowid) FROM ${table} WHERE k IS NULL OR k IN (SELECT k FROM d))::INTEGER`,
      )
    ).getRows()[0] as (number | null)[];
  const quick = (
    await conn.runAndReadAll(
      `SELECT (SELECT count(*) FROM bk)::INTEGER, ${badKeysSql('bk')}, (SELECT count(*) FROM nk)::INTEGER, ${badKeysSql('nk')}`,
    )
  ).getRows()[0] as number[];
  const sizes = { base: quick[0] as number, next: quick[2] as number };
  if (quick[1] === 0 && quick[3] === 0) return sizes;
  const b = await facts('bk');
  const n = await facts('nk');
  const sides = [sideOf(b, a.baseline), sideOf(n, a.next)];
  if (sides.every((s) => s.missing + s.duplicates === 0)) return sizes;
  throw conflictsError(t, sides);
}

/** A side's conflicts from its row of `facts`: missing keys, repeated keys, first such rowid. */
function sideOf(facts: (number | null)[], file: string): SideConflicts {
  return { file, missing: facts[0] ?? 0, duplicates: facts[1] ?? 0, first: facts[2] ?? Infinity };
}
