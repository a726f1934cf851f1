import { basename } from 'node:path';
import { DatasetEngine, type LoadSummary } from '../core/engine/dataset-engine';
import type { ParseIssue } from '../core/model/issue';
import type { Guess } from '../core/read/read-types';
import { formatBytes, isMessageKey } from '../i18n/translate';
import { EXIT, type CliContext } from './context';
import { checkMemory, inputSize, MEMORY_PER_BYTE, readInput } from './files';
import type { T } from './text';

/** Issues listed in the text output; `--json` has the first 1,000 and counts of all. */
const LISTED = 20;

/** Reads a file as the page does and says what was detected, and why. */
export async function inspect(ctx: CliContext, file: string): Promise<number> {
  const size = await inputSize(file);
  checkMemory([{ path: file, size }], MEMORY_PER_BYTE.read, ctx.maxMemory, ctx.locale);
  const bytes = await readInput(file);
  const engine = new DatasetEngine();
  const summary = await engine.open(bytes, basename(file), {
    signal: ctx.signal,
    onProgress: (p) => {
      if (p.kind === 'read')
        ctx.progress.tick({ phase: 'read', rows: p.rows, done: p.done, total: p.total });
    },
  });
  ctx.progress.done();
  if (ctx.json) {
    ctx.stdout.write(`${JSON.stringify(inspectJson(ctx.t, file, summary), null, 2)}\n`);
  } else {
    ctx.stdout.write(inspectText(ctx, file, summary));
  }
  return EXIT.ok;
}

/** A guess's reason in words, as the Upload step shows it beside the setting. */
export function why(t: T, guess: Guess<unknown> | null | undefined): string | null {
  if (!guess) return null;
  const key = `reason.${guess.reason}`;
  const reason = isMessageKey(key) ? t(key, guess.params) : guess.reason;
  return t('cli.inspect.why', {
    reason,
    confidence: t('upload.confidence', { percent: Math.round(guess.confidence * 100) }),
  });
}

/** An issue in words, as the Preview step lists it. */
export function issueText(t: T, issue: ParseIssue): string {
  const key = `issue.${issue.code}`;
  const params = { row: issue.row ?? '?', column: issue.column, ...issue.params };
  return isMessageKey(key) ? t(key, params) : t('issue.generic', params);
}

const line = (label: string, value: string, reason?: string | null): string =>
  `${`${label}:`.padEnd(12)} ${value}${reason ? `  (${reason})` : ''}\n`;
const show = (c: string): string => JSON.stringify(c);
const newlineName = (n: string): string => (n === '\r\n' ? 'CRLF' : n === '\n' ? 'LF' : 'CR');

function inspectText(ctx: CliContext, file: string, s: LoadSummary): string {
  const { t, locale } = ctx;
  let out = line(t('cli.inspect.file'), file);
  out += line(t('cli.inspect.size'), formatBytes(locale, s.size));
  out += line(
    t('cli.inspect.format'),
    t(`format.${s.settings.format}`),
    why(t, s.detection.format),
  );
  if (s.settings.format !== 'xlsx')
    out += line(t('cli.inspect.encoding'), s.settings.encoding, why(t, s.detection.encoding));
  if (s.settings.format === 'csv') {
    const d = s.settings.dialect;
    out += line(
      t('cli.inspect.dialect'),
      t('cli.inspect.dialect.value', {
        delimiter: show(d.delimiter),
        quote: show(d.quoteChar),
        newline: newlineName(d.newline),
        header: d.header,
        skip: d.skipLines,
      }),
      why(t, s.detection.dialect?.delimiter),
    );
  }
  if (s.settings.recordPath) out += line(t('upload.field.recordPath'), s.settings.recordPath);
  if (s.settings.sheet) out += line(t('upload.field.sheet'), s.settings.sheet);
  out += line(t('cli.inspect.records'), s.rowCount.toLocaleString(locale));
  out += line(
    t('cli.inspect.columns'),
    `${s.columns.length.toLocaleString(locale)}: ${s.columns.join(', ')}`,
  );
  out += line(
    t('cli.inspect.issues'),
    s.issueTotal === 0 ? t('cli.inspect.none') : s.issueTotal.toLocaleString(locale),
  );
  for (const issue of s.issues.slice(0, LISTED))
    out += `  ${issue.severity === 'error' ? '✖' : '⚠'} ${issueText(t, issue)}\n`;
  if (s.issueTotal > LISTED)
    out += `  ${t('cli.inspect.issues.more', { count: s.issueTotal - LISTED })}\n`;
  return out;
}

function inspectJson(t: T, file: string, s: LoadSummary) {
  const guess = (g: Guess<unknown> | null | undefined) => g && { ...g, text: why(t, g) };
  return {
    file,
    size: s.size,
    format: s.settings.format,
    encoding: s.settings.format === 'xlsx' ? null : s.settings.encoding,
    dialect: s.settings.format === 'csv' ? s.settings.dialect : null,
    recordPath: s.settings.recordPath ?? null,
    sheet: s.settings.sheet ?? null,
    detection: {
      format: guess(s.detection.format),
      encoding: guess(s.detection.encoding),
      dialect:
        s.detection.dialect &&
        Object.fromEntries(Object.entries(s.detection.dialect).map(([k, g]) => [k, guess(g)])),
    },
    meta: s.meta,
    records: s.rowCount,
    columns: s.columns,
    issueTotal: s.issueTotal,
    issueCounts: s.issueCounts,
    issues: s.issues.map((i) => ({ ...i, text: issueText(t, i) })),
  };
}
