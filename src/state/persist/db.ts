import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SourceSettings } from '../../core/engine/source-settings';

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
}

const DB_NAME = 'crm-porter';
const DB_VERSION = 1;
let db: Promise<IDBPDatabase<PorterDb>> | null = null;

/** The app's IndexedDB, opened once. Rejects where IndexedDB is unavailable (private modes). */
export function porterDb(): Promise<IDBPDatabase<PorterDb>> {
  db ??= openDB<PorterDb>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('session');
      database.createObjectStore('templates', { keyPath: 'id' });
      database.createObjectStore('snapshots', { keyPath: 'id' });
    },
  });
  return db;
}
