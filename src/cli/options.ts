import { resolveCsv, type JobCsvOptions } from '../core/job/job-file';
import { DEFAULT_CSV_WRITE, DEFAULT_XML_WRITE } from '../core/write/write-types';
import type { ExportRequest } from '../core/engine/export-table';
import { CliError } from './cli-error';

export type Values = Record<string, string | boolean | undefined>;

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
          sheetName: typeof values['sheet'] === 'string' ? values['sheet'] : 'Data',
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
