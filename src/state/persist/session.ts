import type { SourceSettings } from '../../core/engine/source-settings';
import { porterDb, type SavedSession } from '../../workers/porter-db';

/**
 * Saves the current file and settings. Failures (quota, private mode) are reported to the
 * console and otherwise ignored: losing the reload safety net must not break the work itself.
 */
export async function saveSession(
  file: Blob,
  fileName: string,
  settings: SourceSettings,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  try {
    const db = await porterDb();
    await db.put('session', { file, fileName, settings, extra, savedAt: Date.now() }, 'current');
  } catch (err) {
    console.warn('Could not save the session for reload', err);
  }
}

/** Updates parts of the saved session (settings after an override, a later step's state). */
export async function updateSession(patch: Partial<Pick<SavedSession, 'settings' | 'extra'>>): Promise<void> {
  try {
    const db = await porterDb();
    const tx = db.transaction('session', 'readwrite');
    const current = await tx.store.get('current');
    if (current) {
      await tx.store.put(
        { ...current, ...patch, extra: { ...current.extra, ...patch.extra }, savedAt: Date.now() },
        'current',
      );
    }
    await tx.done;
  } catch (err) {
    console.warn('Could not update the saved session', err);
  }
}

export async function loadSession(): Promise<SavedSession | undefined> {
  try {
    return await (await porterDb()).get('session', 'current');
  } catch (err) {
    console.warn('Could not read the saved session', err);
    return undefined;
  }
}

export async function clearSession(): Promise<void> {
  try {
    await (await porterDb()).delete('session', 'current');
  } catch (err) {
    console.warn('Could not clear the saved session', err);
  }
}
