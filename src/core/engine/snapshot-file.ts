import { CANONICAL_VERSION } from '../diff/canonical-form';
import { DIGEST_BYTES } from '../diff/digest';
import type { SnapshotDescription } from './snapshot-description';

/** Format marker of a snapshot's description file. */
export const SNAPSHOT_FORMAT = 'crm-porter/snapshot';

/**
 * A snapshot as files: the same parts the page keeps in IndexedDB — the merged data as NDJSON,
 * per-record SHA-256 fingerprints over `fingerprintColumns` (canonical form `canonicalVersion`),
 * and the counts — as `NAME.ndjson`, `NAME.fingerprints` (32 raw bytes per record, in record
 * order) and this description, `NAME.snapshot.json`, which names the other two. `crm-porter run`
 * writes them; the page's History imports them.
 */
export interface SnapshotFile extends SnapshotDescription {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: 1;
  /** The NDJSON data file and the fingerprints file, beside this one. */
  readonly data: string;
  readonly fingerprints: string;
}

/** Why a snapshot's files cannot be used; `changed` names the variant of the message. */
export type SnapshotFileProblem =
  | { readonly changed: 'format' }
  | { readonly changed: 'canonical'; readonly found: number; readonly expected: number }
  | { readonly changed: 'fingerprints'; readonly found: number; readonly expected: number };

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks a parsed description: its marker, version, canonical form and the fields it must have. */
export function snapshotFileProblem(meta: unknown): SnapshotFileProblem | null {
  if (typeof meta !== 'object' || meta === null) return { changed: 'format' };
  const m = meta as Record<string, unknown>;
  const ok =
    m['format'] === SNAPSHOT_FORMAT &&
    m['version'] === 1 &&
    typeof m['id'] === 'string' &&
    typeof m['createdAt'] === 'string' &&
    typeof m['baselineName'] === 'string' &&
    (m['baselineCreatedAt'] === undefined || typeof m['baselineCreatedAt'] === 'string') &&
    typeof m['currentName'] === 'string' &&
    Number.isSafeInteger(m['rowCount']) &&
    (m['rowCount'] as number) >= 0 &&
    isStrings(m['columns']) &&
    isStrings(m['fingerprintColumns']) &&
    typeof m['counts'] === 'object' &&
    m['counts'] !== null &&
    typeof m['digest'] === 'string' &&
    typeof m['data'] === 'string' &&
    typeof m['fingerprints'] === 'string';
  if (!ok) return { changed: 'format' };
  if (m['canonicalVersion'] !== CANONICAL_VERSION)
    return {
      changed: 'canonical',
      found: Number(m['canonicalVersion']),
      expected: CANONICAL_VERSION,
    };
  return null;
}

/** The fingerprints file must hold one fingerprint per record. */
export function fingerprintsProblem(meta: SnapshotFile, bytes: number): SnapshotFileProblem | null {
  if (bytes === meta.rowCount * DIGEST_BYTES) return null;
  return {
    changed: 'fingerprints',
    found: Math.floor(bytes / DIGEST_BYTES),
    expected: meta.rowCount,
  };
}

/** The file name part of a path, whatever the separator: a description names files beside it. */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(cut + 1);
}
