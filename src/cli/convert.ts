import { basename } from 'node:path';
import { chunksOf, type ExportRequest } from '../core/engine/export-table';
import { sourceHasNonAscii } from '../core/engine/non-ascii';
import { SourceFile } from '../core/engine/read-source';
import { formatBytes } from '../i18n/translate';
import { EXIT, type CliContext } from './context';
import {
  checkMemory,
  inputSize,
  MEMORY_PER_BYTE,
  peakMemory,
  readInput,
  writeChunks,
  type Written,
} from './files';
import { writeXlsx } from '../core/write/xlsx-write';
import type { SourceSettings } from '../core/engine/source-settings';
import { CliError } from './cli-error';
import { canStream, detectHead, streamConvert, streamHasNonAscii } from './stream-convert';

/**
 * What a streamed convert holds at most, roughly: a few 4 MiB slices of input as text and as
 * rows, and the writer's 64 Ki-character chunks. Below this `--max-memory` refuses.
 */
export const STREAM_MEMORY = 48 * 2 ** 20;

/**
 * Reads a file with the detected settings and writes it with the page's writers, streamed to a
 * temporary file chunk by chunk (never one string), renamed into place at the end.
 */
export async function convert(
  ctx: CliContext,
  input: string,
  requestFor: (nonAscii: boolean) => ExportRequest,
  out: string,
  printSha: boolean,
): Promise<number> {
  const size = await inputSize(input);
  // CSV to a text format streams (any size, bounded memory); the rest reads the file whole.
  const head = await detectHead(input).catch((): SourceSettings | null => null);
  if (head !== null && canStream(head, requestFor(false).format)) {
    if (ctx.maxMemory !== null && ctx.maxMemory < STREAM_MEMORY)
      throw new CliError('cli.max-memory', {
        file: input,
        size: formatBytes(ctx.locale, size),
        need: formatBytes(ctx.locale, STREAM_MEMORY),
        limit: formatBytes(ctx.locale, ctx.maxMemory),
      });
    const probe = requestFor(false);
    const request = probe.format === 'csv' ? requestFor(await streamHasNonAscii(input)) : probe;
    const r = await streamConvert(ctx, input, head, request, out, size);
    ctx.progress.done();
    return done(ctx, input, out, request.format, { ...r, streamed: true }, printSha);
  }
  checkMemory([{ path: input, size }], MEMORY_PER_BYTE.read, ctx.maxMemory, ctx.locale);
  const source = new SourceFile(await readInput(input), basename(input));
  const { settings } = source.detect();
  const { result } = await source.read(settings, {
    signal: ctx.signal,
    onProgress: (p) =>
      ctx.progress.tick({ phase: 'read', rows: p.rows, done: p.done, total: p.total }),
  });
  const table = result.table;
  // The page's automatic BOM: on when the file holds text outside ASCII.
  const request = requestFor(
    sourceHasNonAscii(source.bytes, settings.format === 'csv' ? settings.encoding : null, table),
  );
  const output =
    request.format === 'xlsx' ? writeXlsx(table, request.options) : chunksOf(table, request);
  const written = await writeChunks(out, output, ctx.signal, (bytes) =>
    ctx.progress.tick({ phase: 'write', done: bytes }),
  );
  ctx.progress.done();
  return done(
    ctx,
    input,
    out,
    request.format,
    {
      written,
      records: table.rowCount,
      columns: table.columns.length,
      issues: result.issues.length,
    },
    printSha,
  );
}

function done(
  ctx: CliContext,
  input: string,
  out: string,
  format: ExportRequest['format'],
  r: { written: Written; records: number; columns: number; issues: number; streamed?: boolean },
  printSha: boolean,
): number {
  const { written } = r;
  if (ctx.json) {
    ctx.stdout.write(
      `${JSON.stringify({ input, output: out, format, records: r.records, columns: r.columns, issues: r.issues, size: written.size, sha256: written.sha256, streamed: r.streamed === true, peakMemory: peakMemory() }, null, 2)}\n`,
    );
  } else {
    if (printSha) ctx.stdout.write(`${written.sha256}  ${out}\n`);
    ctx.say(
      ctx.t('cli.written', {
        file: out,
        size: formatBytes(ctx.locale, written.size),
        sha256: written.sha256,
      }),
    );
  }
  return EXIT.ok;
}
