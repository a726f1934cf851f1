import { basename } from 'node:path';
import { resolveCsv, type JobCsvOptions } from '../core/job/job-file';
import { DEFAULT_CSV_WRITE, DEFAULT_XML_WRITE } from '../core/write/write-types';
import type { ExportRequest } from '../core/engine/export-table';
import { CliError } from './cli-error';
import { IMPORT_MODES, UPDATE_RULES, type ImportMode, type UpdateRule, type UpdateRules } from '../core/diff/import-mode';

export type Values = Record<string, string | boolean | string[] | undefined>;

/** The page's sheet name for a file: its name without the extension (`Data` when that is empty). */
const sheetOf = (path: string): string => basename(path).replace(/\.[^.]*$/, '').trim() || 'Data';

/** A string option that must be one of `allowed`; `fallback` when absent. */
export function choice<V extends string>(
  values: Values,
  name: string,
  allowed: readonly V[],
  fallback?: V,
): V {
  const v = values[name];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new CliError('cli.arg.missing', { option: `--${name}` }, true);
  }
  if (typeof v !== 'string' || !allowed.includes(v as V)) {
    throw new CliError(
      'cli.arg.bad-value',
      { option: `--${name}`, allowed: allowed.join(', '), value: String(v) },
      true,
    );
  }
  return v as V;
}

export function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '')
    throw new CliError('cli.arg.missing', { option: `--${name}` }, true);
  return v;
}

/** A comma-separated list of column names (`--key id` or `--key "first,last"`). */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The writer options of the page's Export step, from flags: the same defaults (RFC 4180, formula
 * guard on, pretty JSON, `<records><record>` XML).
 */
export function exportRequest(
  values: Values,
  format: ExportRequest['format'],
  nonAscii: boolean,
): ExportRequest {
  switch (format) {
    case 'csv':
      return { format: 'csv', options: resolveCsv(csvOptions(values), nonAscii) };
    case 'json':
      return {
        format: 'json',
        options: { style: choice(values, 'style', ['pretty', 'compact'], 'pretty') },
      };
    case 'ndjson':
      return { format: 'ndjson' };
    case 'xml':
      return {
        format: 'xml',
        options: {
          ...DEFAULT_XML_WRITE,
          root: typeof values['root'] === 'string' ? values['root'] : DEFAULT_XML_WRITE.root,
          record:
            typeof values['record'] === 'string' ? values['record'] : DEFAULT_XML_WRITE.record,
        },
      };
    case 'xlsx':
      return {
        format: 'xlsx',
        options: {
          // As the page names it: after the file written (its name without the extension).
          sheetName: typeof values['sheet'] === 'string' ? values['sheet'] : typeof values['out'] === 'string' ? sheetOf(values['out']) : 'Data',
          overflow: choice(values, 'overflow', ['split', 'refuse'], 'split'),
        },
      };
  }
}

/**
 * CSV writer options from flags, with the page's defaults: RFC 4180, formula guard on, and a
 * UTF-8 BOM when the data holds non-ASCII text (`--bom` / `--no-bom` decide instead).
 */
export function csvOptions(values: Values): JobCsvOptions {
  const delimiter =
    typeof values['delimiter'] === 'string'
      ? unescapeDelimiter(values['delimiter'])
      : DEFAULT_CSV_WRITE.delimiter;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new CliError('cli.arg.bad-delimiter', { value: String(values['delimiter']) }, true);
  }
  return {
    delimiter,
    quoting: choice(values, 'quoting', ['minimal', 'all'], DEFAULT_CSV_WRITE.quoting),
    newline: choice(values, 'newline', ['crlf', 'lf'], 'crlf') === 'lf' ? '\n' : '\r\n',
    bom: values['bom'] === true ? true : values['no-bom'] === true ? false : 'auto',
    formulaGuard: values['no-formula-guard'] !== true,
  };
}

/** `\t` and the word `tab` for a tab, so a shell user need not type a literal one. */
function unescapeDelimiter(v: string): string {
  return v === '\\t' || v.toLowerCase() === 'tab' ? '\t' : v;
}

/** `--mode`: the page's import modes; `upsert` (version 1's word) means add-update. */
export function importMode(values: Values): ImportMode {
  const mode = choice(values, 'mode', [...IMPORT_MODES, 'upsert'] as const, 'add-update');
  return mode === 'upsert' ? 'add-update' : mode;
}

/**
 * `--update RULE` for every field (or the older `--empty keeps|clears`), and `--rule FIELD=RULE`
 * (repeatable) for a field of its own. Default: an empty new value keeps the old one.
 */
export function updateRules(values: Values): UpdateRules {
  const fallback: UpdateRule =
    values['empty'] === undefined
      ? 'if-not-empty'
      : choice(values, 'empty', ['keeps', 'clears']) === 'clears'
        ? 'always'
        : 'if-not-empty';
  const rule = choice(values, 'update', UPDATE_RULES, fallback);
  const given = values['rule'];
  const fields = (Array.isArray(given) ? given : []).map((spec) => {
    const at = spec.lastIndexOf('=');
    const field = at < 0 ? '' : spec.slice(0, at).trim();
    const value = at < 0 ? '' : spec.slice(at + 1).trim();
    if (field === '' || !UPDATE_RULES.includes(value as UpdateRule)) {
      throw new CliError('cli.arg.bad-value', { option: '--rule', allowed: `FIELD=${UPDATE_RULES.join('|')}`, value: spec }, true);
    }
    return { field, rule: value as UpdateRule };
  });
  return { default: rule, fields };
}
