import { basename } from 'node:path';
import type { ChangeKind, DiffCounts, DiffOptions } from '../core/diff/diff-types';
import type { DatasetEngine } from '../core/engine/dataset-engine';
import type { BaselineSummary, ChangeDirection, ReviewSummary } from '../core/engine/review-session';
import type { ChangeFormat } from '../core/job/job-file';
import type { CsvWriteOptions } from '../core/write/write-types';
import { formatBytes } from '../i18n/translate';
import { CliError } from './cli-error';
import type { CliContext } from './context';
import { readInput, writeBlob, type Written } from './files';
import { isSnapshot, readSnapshot } from './snapshot';
import type { T } from './text';

export type DiffSettings = Omit<DiffOptions, 'baseFingerprints'>;

/** Kinds that make a change file non-empty: what a sync must apply. */
const CHANGING: readonly ChangeKind[] = ['added', 'removed', 'modified', 'cosmetic'];

export function changeCount(counts: DiffCounts): number {
  return CHANGING.reduce((n, k) => n + counts[k], 0);
}

/**
 * Loads a baseline into the engine as the page's Review step does: a data file, or a snapshot
 * (its NDJSON with the stored fingerprints, so unchanged records need no hashing).
 */
export async function loadBaseline(
  ctx: CliContext,
  engine: DatasetEngine,
  path: string,
): Promise<BaselineSummary> {
  const onProgress = (p: { kind: string; done?: number; total?: number; rows?: number }) => {
    if (p.kind === 'read')
      ctx.progress.tick({ phase: 'read', rows: p.rows, done: p.done ?? 0, total: p.total });
  };
  if (await isSnapshot(path)) {
    const snap = await readSnapshot(path);
    return engine.loadBaseline(
      snap.data,
      `${snap.meta.currentName} · ${snap.meta.createdAt}`,
      { fingerprints: snap.fingerprints, columns: snap.meta.fingerprintColumns },
      { signal: ctx.signal, onProgress },
    );
  }
  return engine.loadBaseline(await readInput(path), basename(path), null, {
    signal: ctx.signal,
    onProgress,
  });
}

/** The page's default compared columns: those on both sides, in baseline order. */
export function defaultCompare(baseline: BaselineSummary): string[] {
  return baseline.columns.filter((c) => !baseline.columnsOnlyInBaseline.includes(c));
}

/** A side of a comparison as a refusal names it: its file and the columns it has. */
export interface KeySide {
  readonly file: string;
  readonly columns: readonly string[];
}

/**
 * Refuses a key column a side lacks, before anything is compared: every record of that side
 * would have no key, which is a wrong file or a wrong `--key`, not a key conflict to fix record
 * by record (the page offers only columns both sides have as the key).
 */
export function checkKey(key: readonly string[], base: KeySide, next: KeySide): void {
  for (const column of key) {
    const inBase = base.columns.includes(column);
    const inNext = next.columns.includes(column);
    if (!inBase && !inNext)
      throw new CliError('cli.key.unknown', { column, file: next.file, columns: next.columns.join(', ') });
    const lacking = inBase ? next : base;
    if (!inBase || !inNext)
      throw new CliError('cli.key.missing', {
        column,
        file: lacking.file,
        columns: lacking.columns.join(', '),
      });
  }
}

/** One side's key conflicts, as a refusal tells them. */
export interface SideConflicts {
  readonly file: string;
  /** Records without a key. */
  readonly missing: number;
  /** Keys on more than one record. */
  readonly duplicates: number;
  /** The first record (0-based, in file order) with a missing or repeated key; not finite if unknown. */
  readonly first: number;
}

/**
 * The refusal for key conflicts: each side that has them, by file, with its own counts and its
 * first record, and only the counts that are not zero (an audit found both sides summed and
 * named by one file, and "0 keys on more than one record" printed).
 */
export function conflictsError(t: T, sides: readonly SideConflicts[]): CliError {
  const told = sides
    .filter((s) => s.missing + s.duplicates > 0)
    .map((s) => {
      const missing = s.missing > 0 ? t('cli.key.conflicts.missing', { missing: s.missing }) : null;
      const repeated =
        s.duplicates > 0 ? t('cli.key.conflicts.duplicates', { duplicates: s.duplicates }) : null;
      const problems =
        missing !== null && repeated !== null
          ? t('cli.key.conflicts.and', { first: missing, second: repeated })
          : (missing ?? repeated ?? '');
      const row = Number.isFinite(s.first) ? s.first + 1 : '?';
      return t('cli.key.conflicts.side', { file: s.file, problems, row });
    });
  const [head = '', ...rest] = told;
  const all = rest.reduce((a, b) => t('cli.key.conflicts.sides', { first: a, second: b }), head);
  return new CliError('cli.key.conflicts', { sides: all });
}

/** Key conflicts block the page's commit and its changes export; the command refuses the same way. */
export function checkConflicts(
  t: T,
  review: ReviewSummary,
  names: { base: string; next: string },
): void {
  if (!review.blocked) return;
  throw conflictsError(t, [
    sideOf(review.conflicts.base, names.base),
    sideOf(review.conflicts.next, names.next),
  ]);
}

function sideOf(c: ReviewSummary['conflicts']['base'], file: string): SideConflicts {
  return {
    file,
    missing: c.missing.length,
    duplicates: c.duplicates.length,
    first: Math.min(c.missing[0] ?? Infinity, c.duplicates[0]?.[0] ?? Infinity),
  };
}

/**
 * Writes the engine's "changes only" export (the page's Review export), or the change set that
 * undoes it, to a file or stdout.
 */
export async function writeChanges(
  ctx: CliContext,
  engine: DatasetEngine,
  format: ChangeFormat,
  out: string | null,
  csv: CsvWriteOptions,
  direction: ChangeDirection = 'forward',
): Promise<Written | null> {
  const result = await engine.exportChanges(format, { signal: ctx.signal }, csv, direction);
  if (out === null) {
    ctx.stdout.write(new Uint8Array(await result.blob.arrayBuffer()));
    return null;
  }
  const written = await writeBlob(out, result.blob, ctx.signal);
  ctx.say(
    ctx.t('cli.written', {
      file: out,
      size: formatBytes(ctx.locale, written.size),
      sha256: written.sha256,
    }),
  );
  return written;
}

export function countsLine(ctx: CliContext, counts: DiffCounts): string {
  const line = ctx.t('cli.diff.counts', { ...counts });
  // Baseline records kept because their new rows have errors (`run` under `skip`), when there are.
  return counts.held > 0 ? `${line} · ${ctx.t('cli.diff.held', { held: counts.held })}` : line;
}
