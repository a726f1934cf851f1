import type { Cell } from '../model/cell';
import { tableFromRows } from '../model/table';
import { serializeCsv } from '../write/csv-write';
import { OBJECT_RANK, type CrmProfile, type ProfileObjectKey } from './profile-types';

/** One record to import: what the Review change set gives (or every record, as inserts). */
export interface ProfileOperation {
  readonly op: 'insert' | 'update' | 'delete';
  /** The record's key in the change set, for the manifest. */
  readonly key: string;
  /** `update`: the accepted changed fields with their new values. Otherwise unused. */
  readonly fields: readonly { readonly column: string; readonly value: Cell }[];
  /** The whole record over `columns` (after the operation; `delete`: before). */
  readonly record: readonly Cell[];
}

export interface ProfileWriteOptions {
  /** `id`: insert, update and delete files by record ID; `upsert`: one upsert file by external ID. */
  readonly mode: 'id' | 'upsert';
  /** The CRM's external ID field for `upsert` (default: the profile's). */
  readonly upsertField?: string;
}

export interface ProfileFile {
  readonly name: string;
  readonly text: string;
  readonly rows: number;
}

/** A record that could not be written, with why (never guessed at). */
export interface ProfileSkip {
  readonly key: string;
  readonly op: ProfileOperation['op'];
  readonly reason:
    'no-record-id' | 'no-external-id' | 'deletes-not-imported' | 'no-importable-change';
}

export interface ProfileExport {
  readonly files: ProfileFile[];
  readonly skipped: ProfileSkip[];
  /** Our fields this CRM has no column for: left out. */
  readonly dropped: string[];
  /** Fields cleared on update that this CRM's import cannot clear (it ignores empty cells). */
  readonly uncleared: number;
}

/** The field that holds the CRM's record ID (or Odoo's external ID). */
export const RECORD_ID_FIELD = 'external_id';

/**
 * Writes a change set as the import files a CRM wants, by its profile: one CSV per operation
 * (insert, update, delete — or upsert by external ID), the ID column the CRM names records by,
 * its column names, its clearing rule and encoding, split at its row limit. File names start
 * with a number so that sorting them gives the load order: parents before children on insert
 * and update (Account 1x, Contact 2x, Opportunity 3x), children before parents on delete (7x…9x).
 *
 * No formula guard: these files are read by an importer, which would store the guard's `'`.
 *
 * @example
 * const out = writeProfileFiles(SALESFORCE, 'contact', ['external_id', 'email'], ops, { mode: 'id' });
 * out.files.map((f) => f.name); // ['21-Contact-insert.csv', '22-Contact-update.csv']
 */
export function writeProfileFiles(
  profile: CrmProfile,
  object: ProfileObjectKey,
  columns: readonly string[],
  operations: Iterable<ProfileOperation>,
  opts: ProfileWriteOptions,
): ProfileExport {
  const target = profile.objects[object];
  const idColumn = target.idColumn ?? profile.idColumn;
  const idIndex = columns.indexOf(RECORD_ID_FIELD);
  const { writable, dropped } = writableFields(profile, object, columns);
  const skipped: ProfileSkip[] = [];
  const inserts: ProfileOperation[] = [];
  const updates: ProfileOperation[] = [];
  const deletes: ProfileOperation[] = [];
  for (const op of operations) {
    if (op.op === 'insert') inserts.push(op);
    else if (op.op === 'update') updates.push(op);
    else deletes.push(op);
  }
  const idOf = (op: ProfileOperation): string => (idIndex < 0 ? '' : (op.record[idIndex] ?? ''));
  const changedColumns = updateColumns(profile, writable, updates);
  let uncleared = 0;
  const updateCells = (op: ProfileOperation): Cell[] | null => {
    if (profile.updates === 'all') return writable.map((w) => op.record[w.index] ?? '');
    const changed = new Map(op.fields.map((f) => [f.column, f.value]));
    let any = false;
    const cells = changedColumns.map((w) => {
      if (!changed.has(w.field)) return '';
      any = true;
      const value = changed.get(w.field) ?? '';
      if (value !== '') return value;
      if (profile.clearValue === null) uncleared++;
      return profile.clearValue ?? '';
    });
    return any ? cells : null;
  };
  const files: ProfileFile[] = [];
  const rank = OBJECT_RANK[object];
  const emit = (prefix: string, op: string, header: string[], rows: Cell[][]): void => {
    if (rows.length === 0) return;
    const parts = Math.ceil(rows.length / profile.maxRowsPerFile);
    for (let p = 0; p < parts; p++) {
      const slice = rows.slice(p * profile.maxRowsPerFile, (p + 1) * profile.maxRowsPerFile);
      const suffix = parts > 1 ? `-${p + 1}` : '';
      files.push({
        name: `${prefix}-${fileSafe(target.name)}-${op}${suffix}.csv`,
        text: csv(profile, header, slice),
        rows: slice.length,
      });
    }
  };

  if (opts.mode === 'upsert' && profile.upsert !== undefined) {
    const keyColumn = opts.upsertField?.trim() || profile.upsert.defaultField;
    // Inserts carry whole records, so with any insert every column is there; updates leave the
    // columns they do not change empty, which the CRM ignores.
    const used = profile.updates === 'all' || inserts.length > 0 ? writable : changedColumns;
    const header = [keyColumn, ...used.map((w) => w.column)];
    const rows: Cell[][] = [];
    for (const op of [...inserts, ...updates]) {
      const id = idOf(op);
      if (id === '') {
        skipped.push({ key: op.key, op: op.op, reason: 'no-external-id' });
        continue;
      }
      if (op.op === 'insert') {
        rows.push([id, ...used.map((w) => op.record[w.index] ?? '')]);
        continue;
      }
      const cells = updateCells(op);
      if (cells === null) {
        skipped.push({ key: op.key, op: op.op, reason: 'no-importable-change' });
        continue;
      }
      const byField = new Map(changedColumns.map((w, i) => [w.field, cells[i] ?? '']));
      rows.push([id, ...used.map((w) => byField.get(w.field) ?? '')]);
    }
    emit(`${rank}1`, 'upsert', header, rows);
  } else {
    const insertHeader = [
      ...(profile.idOnInsert ? [idColumn] : []),
      ...writable.map((w) => w.column),
    ];
    emit(
      `${rank}1`,
      'insert',
      insertHeader,
      inserts.map((op) => [
        ...(profile.idOnInsert ? [idOf(op)] : []),
        ...writable.map((w) => op.record[w.index] ?? ''),
      ]),
    );
    const updateRows: Cell[][] = [];
    for (const op of updates) {
      const id = idOf(op);
      if (id === '') {
        skipped.push({ key: op.key, op: op.op, reason: 'no-record-id' });
        continue;
      }
      const cells = updateCells(op);
      if (cells === null) skipped.push({ key: op.key, op: op.op, reason: 'no-importable-change' });
      else updateRows.push([id, ...cells]);
    }
    emit(`${rank}2`, 'update', [idColumn, ...changedColumns.map((w) => w.column)], updateRows);
  }

  const deleteRows: Cell[][] = [];
  for (const op of deletes) {
    const id = idOf(op);
    if (!profile.deletes) skipped.push({ key: op.key, op: op.op, reason: 'deletes-not-imported' });
    else if (id === '') skipped.push({ key: op.key, op: op.op, reason: 'no-record-id' });
    else deleteRows.push([id]);
  }
  emit(`${10 - rank}1`, 'delete', [idColumn], deleteRows);
  return { files, skipped, dropped, uncleared };
}

interface Writable {
  readonly field: string;
  readonly column: string;
  readonly index: number;
}

/**
 * The fields this CRM takes, with their column names. When two fields name one column (owner
 * name and owner ID both go to `hubspot_owner_id`), the `_id` field wins: it is the resolved
 * reference. Every other field not written is reported as dropped.
 */
function writableFields(
  profile: CrmProfile,
  object: ProfileObjectKey,
  columns: readonly string[],
): { writable: Writable[]; dropped: string[] } {
  const names = profile.objects[object].columns;
  const byColumn = new Map<string, Writable>();
  const dropped: string[] = [];
  columns.forEach((field, index) => {
    if (field === RECORD_ID_FIELD) return;
    const column = Object.hasOwn(names, field) ? names[field] : field;
    if (column === null || column === undefined) {
      dropped.push(field);
      return;
    }
    const existing = byColumn.get(column);
    if (existing === undefined) byColumn.set(column, { field, column, index });
    else if (field.endsWith('_id') && !existing.field.endsWith('_id')) {
      dropped.push(existing.field);
      byColumn.set(column, { field, column, index });
    } else dropped.push(field);
  });
  const writable = [...byColumn.values()].sort((a, b) => a.index - b.index);
  return { writable, dropped };
}

/** `changed` updates: the columns some update changes, in field order. `all`: every column. */
function updateColumns(
  profile: CrmProfile,
  writable: readonly Writable[],
  updates: readonly ProfileOperation[],
): Writable[] {
  if (profile.updates === 'all') return [...writable];
  const changed = new Set<string>();
  for (const op of updates) for (const f of op.fields) changed.add(f.column);
  return writable.filter((w) => changed.has(w.field));
}

function csv(
  profile: CrmProfile,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const table = tableFromRows(
    [...header],
    rows.map((r) => [...r]),
  );
  return [
    ...serializeCsv(table, {
      delimiter: ',',
      quoting: 'minimal',
      newline: '\r\n',
      bom: profile.bom,
      formulaGuard: false,
    }),
  ].join('');
}

/** An object name safe in a file name on every system. */
function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '_');
}

/**
 * A plain-text manifest for the archive: the profile, its documentation, the files in load order
 * with their row counts, and what was left out and why.
 */
export function profileManifest(profile: CrmProfile, out: ProfileExport): string {
  const lines = [`${profile.name} import files`, '', 'Load the files in name order:'];
  for (const f of out.files)
    lines.push(`  ${f.name}  ${f.rows} ${f.rows === 1 ? 'record' : 'records'}`);
  if (out.files.length === 0) lines.push('  (no records to import)');
  lines.push(
    '',
    `Encoding: UTF-8${profile.bom ? ' with a byte order mark' : ''}, comma-separated, CRLF line ends.`,
  );
  if (profile.clearValue !== null)
    lines.push(
      `A cell "${profile.clearValue}" in an update file clears that field; an empty cell leaves it unchanged.`,
    );
  if (out.uncleared > 0) {
    lines.push(
      `${out.uncleared} cleared ${out.uncleared === 1 ? 'value' : 'values'} cannot be cleared by this import (it ignores empty cells): clear them in the CRM.`,
    );
  }
  if (out.dropped.length > 0)
    lines.push(`Fields with no column in ${profile.name}, left out: ${out.dropped.join(', ')}.`);
  if (out.skipped.length > 0) {
    lines.push('', 'Records not written:');
    for (const s of out.skipped) lines.push(`  ${s.op} ${s.key}: ${SKIP_TEXT[s.reason]}`);
  }
  lines.push('', 'Rules from:', ...profile.docs.map((d) => `  ${d}`), '');
  return lines.join('\r\n');
}

const SKIP_TEXT: Readonly<Record<ProfileSkip['reason'], string>> = {
  'no-record-id': 'no record ID (field external_id) to name the existing record',
  'no-external-id': 'no external ID (field external_id) to upsert by',
  'deletes-not-imported':
    'this CRM does not delete records through an import; delete it in the CRM',
  'no-importable-change': 'every changed field is one this CRM has no column for',
};
