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
  readInput,
  writeChunks,
} from './files';
import { writeXlsx } from '../core/write/xlsx-write';

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
  const output = request.format === 'xlsx' ? writeXlsx(table, request.options) : chunksOf(table, request);
  const written = await writeChunks(out, output, ctx.signal, (bytes) =>
    ctx.progress.tick({ phase: 'write', done: bytes }),
  );
  ctx.progress.done();
  if (ctx.json) {
    ctx.stdout.write(
      `${JSON.stringify({ input, output: out, format: request.format, records: table.rowCount, columns: table.columns.length, issues: result.issues.length, size: written.size, sha256: written.sha256 }, null, 2)}\n`,
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
