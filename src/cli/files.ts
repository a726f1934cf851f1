import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { formatBytes, type Locale } from '../i18n/translate';
import { CliError } from './cli-error';

/**
 * Memory a whole-file read needs per byte of input, roughly: the bytes, the table's strings
 * (UTF-16 for text outside Latin-1) and, for a diff, each side's records in canonical form.
 * Measured on the 1M-row bench files (bench/cli-diff.mjs): the JS diff peaks near 7.4× the two
 * inputs. An estimate for refusing (or choosing DuckDB) up front; it is not a promise.
 */
export const MEMORY_PER_BYTE = { read: 4, diff: 8 } as const;

/**
 * What a whole-file read may use: `--max-memory`, and never more than this Node process's heap
 * limit, so the command refuses (or streams, or hands the diff to DuckDB) instead of crashing
 * out of memory.
 */
export function memoryBudget(maxMemory: number | null): { limit: number; byFlag: boolean } {
  const heap = getHeapStatistics().heap_size_limit;
  return maxMemory !== null && maxMemory <= heap
    ? { limit: maxMemory, byFlag: true }
    : { limit: heap, byFlag: false };
}

/** Whether files read whole (at `perByte`) fit the budget. */
export function fitsMemory(
  files: readonly { path: string; size: number }[],
  perByte: number,
  maxMemory: number | null,
): boolean {
  return files.reduce((n, f) => n + f.size, 0) * perByte <= memoryBudget(maxMemory).limit;
}

/** Refuses, before reading, inputs that would need more memory than the budget allows. */
export function checkMemory(
  files: readonly { path: string; size: number }[],
  perByte: number,
  maxMemory: number | null,
  locale: Locale,
): void {
  if (fitsMemory(files, perByte, maxMemory)) return;
  throw memoryError(files, perByte, maxMemory, locale);
}

/** The refusal of {@link checkMemory}: which file, how big, what it needs, what to do. */
export function memoryError(
  files: readonly { path: string; size: number }[],
  perByte: number,
  maxMemory: number | null,
  locale: Locale,
  key?: 'cli.diff.needs-duckdb',
): CliError {
  const budget = memoryBudget(maxMemory);
  const total = files.reduce((n, f) => n + f.size, 0);
  const biggest = files.reduce((a, b) => (b.size > a.size ? b : a));
  return new CliError(key ?? (budget.byFlag ? 'cli.max-memory' : 'cli.memory.heap'), {
    file: biggest.path,
    size: formatBytes(locale, biggest.size),
    need: formatBytes(locale, total * perByte),
    limit: formatBytes(locale, budget.limit),
  });
}

/** This process's peak resident memory so far, in bytes (the `--json` summaries report it). */
export function peakMemory(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Parses `512M`, `2G`, `1.5GB`, `800K`; a bare number is MiB. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
  if (m === null) return null;
  const unit = (m[2] ?? '').toUpperCase();
  const scale = unit === 'K' ? 2 ** 10 : unit === 'G' ? 2 ** 30 : unit === 'T' ? 2 ** 40 : 2 ** 20;
  return Math.round(Number(m[1]) * scale);
}

/** Size of an input file; a clear error when it is missing or not a file. */
export async function inputSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError('cli.file.not-a-file', { file: path });
    return s.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError('cli.file.not-found', { file: path });
  }
}

/** The whole input as bytes (the readers of core take bytes, as the page's worker does). */
export async function readInput(path: string): Promise<Uint8Array> {
  await inputSize(path);
  const buf = await readFile(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Temporary files not yet renamed; removed if the command stops half way. */
const pending = new Set<string>();

/** Removes every temporary file still pending (Ctrl-C, an error). Synchronous-safe to call twice. */
export async function removePending(): Promise<void> {
  const list = [...pending];
  pending.clear();
  await Promise.all(list.map((p) => unlink(p).catch(() => undefined)));
}

export interface Written {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * An output written to a temporary file beside its target and renamed into place only when
 * complete, so a reader (or tonight's cron job) never sees half a file. Chunks are encoded
 * one by one as the page's `exportChunks` does, so the bytes are the same; the SHA-256 is
 * computed on the way.
 */
export class AtomicFile {
  private readonly temp: string;
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private readonly encoder = new TextEncoder();
  private bytes = 0;

  constructor(readonly path: string) {
    this.temp = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.part`,
    );
    pending.add(this.temp);
    this.stream = createWriteStream(this.temp, { flags: 'wx' });
    // Errors surface from write/close; keep an unhandled 'error' event from crashing the process.
    this.stream.on('error', () => undefined);
  }

  get size(): number {
    return this.bytes;
  }

  async writeText(chunk: string): Promise<void> {
    await this.writeBytes(this.encoder.encode(chunk));
  }

  async writeBytes(bytes: Uint8Array): Promise<void> {
    this.hash.update(bytes);
    this.bytes += bytes.length;
    if (this.stream.write(bytes)) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        this.stream.off('drain', onDrain);
        reject(err);
      };
      const onDrain = () => {
        this.stream.off('error', onError);
        resolve();
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  private finished: Promise<void> | null = null;

  /**
   * Flushes and closes, leaving the file under its temporary name: an output complete before the
   * checks that may still refuse the run (`run`'s error report) is placed only once they pass,
   * and removed with the other pending files if they refuse.
   */
  finish(): Promise<void> {
    this.finished ??= new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    return this.finished;
  }

  /** Flushes, closes and renames into place. */
  async commit(): Promise<Written> {
    await this.finish();
    await rename(this.temp, this.path);
    pending.delete(this.temp);
    return { path: this.path, size: this.bytes, sha256: this.hash.digest('hex') };
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    pending.delete(this.temp);
    await unlink(this.temp).catch(() => undefined);
  }
}

/**
 * Writes a writer's output atomically: string chunks (the text writers) or byte parts (the
 * .xlsx writer's zip stream); `onChunk` sees the bytes so far.
 */
export async function writeChunks(
  path: string,
  chunks: Iterable<string> | AsyncIterable<Uint8Array>,
  signal: AbortSignal,
  onChunk?: (bytes: number) => void,
): Promise<Written> {
  await checkOutDir(path);
  const file = new AtomicFile(path);
  try {
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') await file.writeText(chunk);
      else await file.writeBytes(chunk);
      onChunk?.(file.size);
      if (signal.aborted) throw signal.reason;
    }
    return await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  }
}

/** An output file to write piece by piece, renamed into place by `commit()`. */
export async function openOutput(path: string): Promise<AtomicFile> {
  await checkOutDir(path);
  return new AtomicFile(path);
}

/** Writes a Blob (an export made by the engine) atomically. */
export async function writeBlob(path: string, blob: Blob, signal: AbortSignal): Promise<Written> {
  await checkOutDir(path);
  const file = new AtomicFile(path);
  try {
    const reader = blob.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await file.writeBytes(value);
      if (signal.aborted) throw signal.reason;
    }
    return await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  }
}

async function checkOutDir(path: string): Promise<void> {
  const dir = dirname(path);
  const s = await stat(dir).catch(() => null);
  if (s === null || !s.isDirectory()) throw new CliError('cli.file.out-dir', { dir });
}
