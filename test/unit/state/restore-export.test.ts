import { describe, expect, it, vi } from 'vitest';

/**
 * After a reload, the file is read again, then its saved mapping applied and its edits made
 * again, in the worker. Until then Export must not write: a file created in that gap held the
 * columns as read (found by reading the code during the flake hunt). The store is the real one;
 * the engine answers when the test says so.
 */
const held: Record<string, ((value: unknown) => void)[]> = { applyMapping: [], proposeMapping: [] };
const hold = (name: string) => () => new Promise((resolve) => held[name]!.push(resolve));
const SUMMARY = { version: 1, fileName: 'contacts.csv', columns: ['Email'], rowCount: 1, size: 20, settings: {}, nonAscii: false };
vi.mock('../../../src/state/engine', () => ({
  engine: {
    open: () => Promise.resolve(SUMMARY),
    window: () => Promise.resolve({ rows: [], sourceRows: [], version: 1 }),
    proposeMapping: hold('proposeMapping'),
    applyMapping: hold('applyMapping'),
  },
}));
const MAPPING = { object: { key: 'contact', label: { en: 'Contact', 'zh-CN': '联系人' }, fields: [] }, columns: [{ column: 0, field: 'email', transforms: [], origin: 'unmapped' }], defaultCountry: 'US' };
vi.mock('../../../src/state/persist/session', () => ({
  loadSession: () => Promise.resolve({ file: new Blob(['Email\na@x.com\n']), fileName: 'contacts.csv', settings: {}, extra: { mapping: MAPPING } }),
  saveSession: () => Promise.resolve(),
  updateSession: () => Promise.resolve(),
  clearSession: () => Promise.resolve(),
}));
vi.mock('../../../src/state/persist/snapshots', () => ({ listSnapshots: () => Promise.resolve([]) }));
vi.mock('../../../src/state/persist/templates', () => ({ listTemplates: () => Promise.resolve([]), putTemplate: () => Promise.resolve(), deleteTemplate: () => Promise.resolve() }));

const { useStore } = await import('../../../src/state/store');

/** Lets the store's awaits run until it waits on the engine again. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Export after a reload', () => {
  it('waits while the saved mapping is applied again, and not after', async () => {
    const restoring = useStore.getState().restoreSession();
    await vi.waitFor(() => expect(held['proposeMapping']).toHaveLength(1));
    // The file is on the page, its mapping not yet: Export must wait.
    expect(useStore.getState().summary?.fileName).toBe('contacts.csv');
    expect(useStore.getState().mapped).toBeNull();
    expect(useStore.getState().restoring).toBe(true);
    held['proposeMapping']![0]!({ suggestions: [], examples: [], advice: [], phoneCountry: { country: 'US', reason: 'language', samples: 0, support: 0 } });
    await vi.waitFor(() => expect(held['applyMapping']).toHaveLength(1));
    expect(useStore.getState().restoring).toBe(true);
    held['applyMapping']![0]!({ version: 5, fields: [{ key: 'email' }], rowCount: 1, rowsWithErrors: 0, deletedRows: 0 });
    await restoring;
    await settle();
    expect(useStore.getState().mapped?.version).toBe(5);
    expect(useStore.getState().restoring).toBe(false);
  });
});
