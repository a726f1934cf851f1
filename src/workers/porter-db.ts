import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SourceSettings } from '../core/engine/source-settings';

/** What survives a reload: the file itself and every choice made about it. */
export interface SavedSession {
  readonly file: Blob;
  readonly fileName: string;
  readonly settings: SourceSettings;
  /** Later steps add their state here (mapping, edits), as plain data. */
  readonly extra: Readonly<Record<string, unknown>>;
  readonly savedAt: number;
}

interface PorterDb extends DBSchema {
  session: { key: 'current'; value: SavedSession };
  templates: { key: string; value: { id: string; [k: string]: unknown } };
  snapshots: { key: string; value: { id: string; [k: string]: unknown } };
  /**
   * A snapshot's data in parts of whole NDJSON records, keyed [snapshot id, part number], and its
   * fingerprints under [snapshot id, -1] (version 2; see core/engine/snapshot-layout.ts).
   */
  'snapshot-parts': { key: [string, number]; value: Blob | ArrayBuffer };
}

const DB_NAME = 'crm-porter';
/** 2: snapshot data stored in parts (`snapshot-parts`); version 1 kept it as one Blob. */
const DB_VERSION = 2;
let db: Promise<IDBPDatabase<PorterDb>> | null = null;

/** The app's IndexedDB, opened once. Rejects where IndexedDB is unavailable (private modes). */
export function porterDb(): Promise<IDBPDatabase<PorterDb>> {
  db ??= openDB<PorterDb>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('session');
        database.createObjectStore('templates', { keyPath: 'id' });
        database.createObjectStore('snapshots', { keyPath: 'id' });
      }
      // Snapshots saved under version 1 keep their one Blob and are still read (core/engine/snapshot-layout.ts).
      if (oldVersion < 2) database.createObjectStore('snapshot-parts');
    },
  });
  return db;
}
