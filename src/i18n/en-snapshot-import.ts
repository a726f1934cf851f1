/** Messages of History's snapshot import (src/features/review/snapshot-import.tsx). */
export const enSnapshotImport = {
  'review.history.import': 'Import a snapshot…',
  'review.history.importHelp':
    'A snapshot written by crm-porter run: pick its three files together (NAME.snapshot.json, NAME.ndjson and NAME.fingerprints).',
  'error.snapshot-import': 'These files are not a snapshot this page can import. Nothing was added to History.',
  'error.snapshot-import.missing':
    'The snapshot needs {file} too. Nothing was added to History. Pick the three files crm-porter run wrote together: NAME.snapshot.json, NAME.ndjson and NAME.fingerprints.',
  'error.snapshot-import.format':
    '{file} is not a CRM Porter snapshot description (crm-porter/snapshot, version 1). Nothing was added to History. Pick the NAME.snapshot.json that crm-porter run wrote.',
  'error.snapshot-import.canonical':
    '{file} was made with canonical form {found}; this page uses {expected}. Nothing was added to History. Make a new snapshot with this version of crm-porter run.',
  'error.snapshot-import.fingerprints':
    '{file} holds {found, plural, one {# fingerprint} other {# fingerprints}} for {expected, plural, one {# record} other {# records}}: the files are not of one snapshot. Nothing was added to History. Pick the three files of one snapshot.',
} as const;
