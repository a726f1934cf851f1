import { CANONICAL_VERSION } from '../diff/canonical-form';
import type { DiffOptions } from '../diff/diff-types';
import { IMPORT_MODES, modeFromLegacy, rulesFromLegacy, UPDATE_RULES } from '../diff/import-mode';
import type { ExportRequest } from '../engine/export-table';
import type { CsvWriteOptions } from '../write/write-types';
import type { InvalidRowPolicy } from '../engine/mapped-table';
import type { SourceSettings } from '../engine/source-settings';
import { importTemplates } from '../mapping/template-io';
import type { MappingTemplate } from '../mapping/mapping-types';
import { TEMPLATES_FORMAT } from '../mapping/template-meta';
import { PorterError } from '../model/porter-error';
import { exportJsonSchema, type CrmJsonSchema } from '../schema/json-schema-export';
import { importJsonSchema } from '../schema/json-schema-import';
import type { CrmObject } from '../schema/schema-types';

/** Format marker of a job file (docs/job-file.schema.json). */
export const JOB_FORMAT = 'crm-porter/job';
/**
 * The job file version this code writes. Version 1 (`review.policy` upsert/mirror and one
 * global `review.emptyCells`) is still read: `readJob` maps it to version 2's import mode and
 * update rules.
 */
export const JOB_VERSION = 2 as const;

export type ChangeFormat = 'json' | 'csv' | 'xml';

/** CSV options of a job; `bom: 'auto'` writes a BOM when the file read holds non-ASCII text, as the page does. */
export type JobCsvOptions = Omit<CsvWriteOptions, 'bom'> & { readonly bom: boolean | 'auto' };

/** The full export of a job: a CSV export takes `output.csv`. */
export type JobExport = Exclude<ExportRequest, { format: 'csv' }> | { readonly format: 'csv' };

/** A job's CSV options for a file: the automatic BOM resolved. */
export function resolveCsv(csv: JobCsvOptions, nonAscii: boolean): CsvWriteOptions {
  return { ...csv, bom: csv.bom === 'auto' ? nonAscii : csv.bom };
}

/** A job's export request for a file. */
export function exportRequestOf(job: JobFile, nonAscii: boolean): ExportRequest {
  const e = job.output.export;
  return e.format === 'csv' ? { format: 'csv', options: resolveCsv(job.output.csv, nonAscii) } : e;
}

/**
 * Everything the page settled for one file, to replay headless with `crm-porter run`: how it
 * is read, mapped (as a template, so columns are found by header in next night's file),
 * validated, compared with a baseline, and written. Per-row edits and review decisions are not
 * part of it: they belong to one file, not to the nightly one.
 */
export interface JobFile {
  readonly format: typeof JOB_FORMAT;
  readonly version: typeof JOB_VERSION;
  /** Canonical form version of the fingerprints in snapshots this job writes and reads. */
  readonly canonicalVersion: number;
  readonly createdAt: string;
  readonly read: {
    /** Name of the file the job was saved from (for people; not used to find the next one). */
    readonly fileName: string;
    readonly columns: readonly string[];
    readonly settings: SourceSettings;
  };
  /** `null`: the data is written as read. */
  readonly mapping: {
    /** The target object, with custom fields, as written by `exportJsonSchema`. */
    readonly object: CrmJsonSchema;
    readonly template: MappingTemplate;
    readonly defaultCountry: string;
  } | null;
  readonly validation: { readonly invalidRows: InvalidRowPolicy };
  /** `null`: no key chosen, so no comparison with a baseline. */
  readonly review:
    | (Omit<DiffOptions, 'baseFingerprints' | 'compareColumns'> & {
        readonly compareColumns: readonly string[];
      })
    | null;
  readonly output: {
    /** File name without extension for the full export; change files get `-changes`. */
    readonly baseName: string;
    readonly export: JobExport;
    /** CSV options of the CSV export and of the CSV change file. */
    readonly csv: JobCsvOptions;
    readonly changes: readonly ChangeFormat[];
  };
}

/** The parts of a job, as the page holds them. */
export interface JobParts {
  readonly fileName: string;
  readonly columns: readonly string[];
  readonly settings: SourceSettings;
  readonly mapping: {
    readonly object: CrmObject;
    readonly template: MappingTemplate;
    readonly defaultCountry: string;
  } | null;
  readonly invalidRows: InvalidRowPolicy;
  readonly review: JobFile['review'];
  readonly baseName: string;
  readonly exportRequest: JobExport;
  readonly csv: JobCsvOptions;
  readonly changes: readonly ChangeFormat[];
  readonly createdAt: string;
}

/** Builds a job file from the page's state. */
export function createJob(parts: JobParts): JobFile {
  return {
    format: JOB_FORMAT,
    version: JOB_VERSION,
    canonicalVersion: CANONICAL_VERSION,
    createdAt: parts.createdAt,
    read: { fileName: parts.fileName, columns: [...parts.columns], settings: parts.settings },
    mapping: parts.mapping && {
      object: exportJsonSchema(parts.mapping.object),
      template: parts.mapping.template,
      defaultCountry: parts.mapping.defaultCountry,
    },
    validation: { invalidRows: parts.invalidRows },
    review: parts.review,
    output: {
      baseName: parts.baseName,
      export: parts.exportRequest,
      csv: parts.csv,
      changes: [...parts.changes],
    },
  };
}

/** Why a job file was refused: the JSON path of the first problem and what is wrong there. */
export type JobProblem =
  | { readonly kind: 'syntax'; readonly reason: string }
  | { readonly kind: 'version'; readonly version: string }
  | { readonly kind: 'invalid'; readonly path: string; readonly reason: string };

/** A job read back: the file (as version 2), and its mapping's object ready to use. */
export interface LoadedJob {
  readonly job: JobFile;
  readonly object: CrmObject | null;
  /** The version the file was written in, when older than {@link JOB_VERSION}. */
  readonly upgradedFrom?: 1;
}

class Refused extends Error {
  constructor(readonly problem: JobProblem) {
    super(problem.kind);
  }
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a job file, checking every part the command relies on (docs/job-file.schema.json says
 * the same in JSON Schema). The mapping's object and template go through the page's own
 * importers (`importJsonSchema`, `importTemplates`), so a job holds nothing the page would refuse.
 *
 * @example
 * readJob(JSON.stringify(createJob(parts))); // { ok: true, value: { job, object } }
 * readJob('{"format":"crm-porter/job","version":3}'); // { ok: false, problem: { kind: 'version', version: '3' } }
 */
export function readJob(
  text: string,
): { ok: true; value: LoadedJob } | { ok: false; problem: JobProblem } {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      problem: { kind: 'syntax', reason: err instanceof Error ? err.message : String(err) },
    };
  }
  try {
    return { ok: true, value: checkJob(json) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, problem: err.problem };
    throw err;
  }
}

function checkJob(json: Json): LoadedJob {
  const at = (path: string, reason: string): never => {
    throw new Refused({ kind: 'invalid', path, reason });
  };
  const obj = (v: Json, path: string): Record<string, Json> =>
    isObject(v) ? v : at(path, 'must be an object');
  const str = (v: Json, path: string): string =>
    typeof v === 'string' ? v : at(path, 'must be a string');
  const bool = (v: Json, path: string): boolean =>
    typeof v === 'boolean' ? v : at(path, 'must be true or false');
  const oneOf = <T extends string>(v: Json, allowed: readonly T[], path: string): T =>
    allowed.includes(v as T) ? (v as T) : at(path, `must be one of ${allowed.join(', ')}`);
  const strings = (v: Json, path: string, min = 0): string[] => {
    if (!Array.isArray(v)) return at(path, 'must be an array of strings');
    v.forEach((s, i) => str(s, `${path}[${i}]`));
    if (v.length < min) at(path, `needs at least ${min} item`);
    return v as string[];
  };

  const root = obj(json, '$');
  if (root['format'] !== JOB_FORMAT) at('$.format', `must be "${JOB_FORMAT}"`);
  const version = root['version'];
  if (version !== JOB_VERSION && version !== 1)
    throw new Refused({ kind: 'version', version: String(version) });
  if (root['canonicalVersion'] !== CANONICAL_VERSION)
    at('$.canonicalVersion', `must be ${CANONICAL_VERSION}`);
  str(root['createdAt'], '$.createdAt');

  const read = obj(root['read'], '$.read');
  str(read['fileName'], '$.read.fileName');
  strings(read['columns'], '$.read.columns');
  const settings = obj(read['settings'], '$.read.settings');
  oneOf(settings['format'], ['csv', 'json', 'ndjson', 'xml', 'xlsx'], '$.read.settings.format');
  str(settings['encoding'], '$.read.settings.encoding');
  checkDialect(obj(settings['dialect'], '$.read.settings.dialect'), at);
  if (settings['recordPath'] !== undefined)
    str(settings['recordPath'], '$.read.settings.recordPath');
  if (settings['sheet'] !== undefined) str(settings['sheet'], '$.read.settings.sheet');
  if (settings['headerRow'] !== undefined && !(Number.isInteger(settings['headerRow']) && (settings['headerRow'] as number) >= 1))
    at('$.read.settings.headerRow', 'must be a whole number from 1');

  let object: CrmObject | null = null;
  if (root['mapping'] !== null) {
    const mapping = obj(root['mapping'], '$.mapping');
    str(mapping['defaultCountry'], '$.mapping.defaultCountry');
    object = nested('$.mapping.object', () => importJsonSchema(mapping['object']));
    const template = obj(mapping['template'], '$.mapping.template');
    nested('$.mapping.template', () =>
      importTemplates(
        JSON.stringify({ format: TEMPLATES_FORMAT, version: 1, templates: [template] }),
      ),
    );
  }

  const validation = obj(root['validation'], '$.validation');
  oneOf(validation['invalidRows'], ['block', 'skip', 'include'], '$.validation.invalidRows');

  let review: JobFile['review'] = null;
  if (root['review'] !== null) {
    const r = obj(root['review'], '$.review');
    const key = obj(r['key'], '$.review.key');
    const columns = strings(key['columns'], '$.review.key.columns', 1);
    const trim = bool(key['trim'], '$.review.key.trim');
    const caseInsensitive = bool(key['caseInsensitive'], '$.review.key.caseInsensitive');
    const compareColumns = strings(r['compareColumns'], '$.review.compareColumns');
    let mode;
    let rules;
    if (version === 1) {
      // Version 1's words, mapped: upsert → add new and update existing; one global empty-cell rule.
      mode = modeFromLegacy(oneOf(r['policy'], ['upsert', 'mirror'], '$.review.policy'));
      rules = rulesFromLegacy(oneOf(r['emptyCells'], ['clear', 'no-information'], '$.review.emptyCells'));
    } else {
      mode = oneOf(r['mode'], IMPORT_MODES, '$.review.mode');
      const rr = obj(r['rules'], '$.review.rules');
      const fields = rr['fields'];
      if (!Array.isArray(fields)) at('$.review.rules.fields', 'must be an array');
      rules = {
        default: oneOf(rr['default'], UPDATE_RULES, '$.review.rules.default'),
        fields: (fields as Json[]).map((f, i) => {
          const o = obj(f, `$.review.rules.fields[${i}]`);
          return {
            field: str(o['field'], `$.review.rules.fields[${i}].field`),
            rule: oneOf(o['rule'], UPDATE_RULES, `$.review.rules.fields[${i}].rule`),
          };
        }),
      };
    }
    const quietClass = bool(r['quietClass'], '$.review.quietClass');
    review = { key: { columns, trim, caseInsensitive }, compareColumns, mode, rules, quietClass };
  }

  const output = obj(root['output'], '$.output');
  str(output['baseName'], '$.output.baseName');
  const changes = output['changes'];
  if (!Array.isArray(changes)) at('$.output.changes', 'must be an array');
  (changes as Json[]).forEach((c, i) => oneOf(c, ['json', 'csv', 'xml'], `$.output.changes[${i}]`));
  checkExport(obj(output['export'], '$.output.export'), at, oneOf, bool, str);
  checkCsv(obj(output['csv'], '$.output.csv'), at, oneOf, bool);

  const job: JobFile = { ...(json as JobFile), version: JOB_VERSION, review };
  return { job, object, ...(version === 1 ? { upgradedFrom: 1 as const } : {}) };
}

/** Runs an importer of the page; its `PorterError` path is reported under `prefix`. */
function nested<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof PorterError) {
      const path = String(err.details.path ?? '$');
      // The template is checked inside a one-template file: drop that wrapper from the path.
      const inner = path.replace(/^\$\.templates\[0\]/, '').replace(/^\$/, '');
      throw new Refused({
        kind: 'invalid',
        path: `${prefix}${inner}`,
        reason: String(err.details['reason'] ?? err.code),
      });
    }
    throw err;
  }
}

function checkDialect(d: Record<string, Json>, at: (path: string, reason: string) => never): void {
  const p = '$.read.settings.dialect';
  const delimiter = d['delimiter'];
  if (typeof delimiter !== 'string' || delimiter.length !== 1)
    at(`${p}.delimiter`, 'must be one character');
  if (d['quoteChar'] !== '"' && d['quoteChar'] !== "'") at(`${p}.quoteChar`, `must be " or '`);
  if (!['\r\n', '\n', '\r'].includes(d['newline'] as string))
    at(`${p}.newline`, 'must be CRLF, LF or CR');
  if (d['header'] !== 'first-row' && d['header'] !== 'none')
    at(`${p}.header`, 'must be first-row or none');
  const skip = d['skipLines'];
  if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0)
    at(`${p}.skipLines`, 'must be a whole number ≥ 0');
  if (d['decimalSeparator'] !== '.' && d['decimalSeparator'] !== ',')
    at(`${p}.decimalSeparator`, 'must be . or ,');
  if (!['DMY', 'MDY', 'YMD', 'unknown'].includes(d['dateOrder'] as string))
    at(`${p}.dateOrder`, 'must be DMY, MDY, YMD or unknown');
}

function checkExport(
  e: Record<string, Json>,
  at: (path: string, reason: string) => never,
  oneOf: <T extends string>(v: Json, allowed: readonly T[], path: string) => T,
  bool: (v: Json, path: string) => boolean,
  str: (v: Json, path: string) => string,
): void {
  const p = '$.output.export';
  const format = oneOf(e['format'], ['csv', 'json', 'ndjson', 'xml', 'xlsx'], `${p}.format`);
  const options = e['options'];
  if (format === 'ndjson' || format === 'csv') return;
  if (!isObject(options)) return at(`${p}.options`, 'must be an object');
  const o = `${p}.options`;
  if (format === 'json') {
    oneOf(options['style'], ['pretty', 'compact'], `${o}.style`);
  } else if (format === 'xlsx') {
    str(options['sheetName'], `${o}.sheetName`);
    oneOf(options['overflow'], ['split', 'refuse'], `${o}.overflow`);
  } else {
    str(options['root'], `${o}.root`);
    str(options['record'], `${o}.record`);
    bool(options['declaration'], `${o}.declaration`);
  }
}

function checkCsv(
  options: Record<string, Json>,
  at: (path: string, reason: string) => never,
  oneOf: <T extends string>(v: Json, allowed: readonly T[], path: string) => T,
  bool: (v: Json, path: string) => boolean,
): void {
  const o = '$.output.csv';
  const d = options['delimiter'];
  if (typeof d !== 'string' || d.length !== 1 || d === '"' || d === '\r' || d === '\n')
    at(`${o}.delimiter`, 'must be one character other than ", CR or LF');
  oneOf(options['quoting'], ['minimal', 'all'], `${o}.quoting`);
  oneOf(options['newline'], ['\r\n', '\n'], `${o}.newline`);
  if (options['bom'] !== 'auto') bool(options['bom'], `${o}.bom`);
  bool(options['formulaGuard'], `${o}.formulaGuard`);
}
