import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import { OBJECT_RANK, type ProfileId, type ProfileObjectKey } from '../profiles/profile-types';
import {
  profileManifest,
  writeProfileFiles,
  type ProfileOperation,
} from '../profiles/profile-write';
import { profileById } from '../profiles/profiles';
import { exportBytes, type ExportResult } from './export-table';

/** What the Export step asks for: a CRM, and for Salesforce insert/update or upsert. */
export interface ProfileRequest {
  readonly profile: ProfileId;
  readonly mode: 'id' | 'upsert';
  readonly upsertField?: string;
}

export interface ProfileExportResult extends ExportResult {
  /** The CSV files in the archive, in load order. */
  readonly files: readonly { readonly name: string; readonly rows: number }[];
  /** Records that could not be written (listed in the archive's README.txt). */
  readonly skipped: number;
}

/** The archive's own name for its manifest. */
export const MANIFEST_NAME = 'README.txt';

/**
 * Writes the import files for a CRM as one `.zip` (fflate, loaded lazily): one download and one
 * checksum for the set, where separate downloads would be blocked by browsers after the first
 * and would lose their order. Entries have a fixed time stamp, so the same change set gives the
 * same bytes. `operations` is the Review change set, or, without a review, every record as an
 * insert.
 *
 * @throws PorterError `export-failed` with reason `profile-object` for an object the profiles
 *   do not name (a custom object).
 */
export async function exportProfile(
  request: ProfileRequest,
  objectKey: string,
  source: { columns: readonly string[]; operations: Iterable<ProfileOperation> },
  signal?: AbortSignal,
): Promise<ProfileExportResult> {
  if (!Object.hasOwn(OBJECT_RANK, objectKey)) {
    throw new PorterError('export-failed', { reason: 'profile-object', object: objectKey });
  }
  const profile = profileById(request.profile);
  const out = writeProfileFiles(
    profile,
    objectKey as ProfileObjectKey,
    source.columns,
    source.operations,
    request,
  );
  const { zipSync, strToU8 } = await import('fflate');
  const mtime = new Date(1980, 0, 1);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  entries[MANIFEST_NAME] = [strToU8(profileManifest(profile, out)), { mtime }];
  for (const f of out.files) entries[f.name] = [strToU8(f.text), { mtime }];
  const zip = zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>;
  const result = await exportBytes([zip], 'application/zip', signal);
  return {
    ...result,
    files: out.files.map((f) => ({ name: f.name, rows: f.rows })),
    skipped: out.skipped.length,
  };
}

/** Every record of a table as an insert: the import files for data that was not reviewed. */
export function* insertsOf(table: Table): Generator<ProfileOperation> {
  for (let r = 0; r < table.rowCount; r++) {
    yield { op: 'insert', key: String(table.sourceRow(r)), fields: [], record: table.row(r) };
  }
}
