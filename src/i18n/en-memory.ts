/**
 * English: why a file is too large for the browser, per format (docs/limits.md, "Budgets before
 * work"). `error.file-too-large` stays the message when no reason is known.
 */
export const enMemory = {
  'error.file-too-large.memory':
    'This CSV file is {size}, more than CRM Porter can take in one browser tab ({limit}): comparing it with a baseline and exporting it keeps several copies of its data in memory, and a tab holds only a few gigabytes. Split it into smaller files (by region or by date, for example), or load fewer columns.',
  'error.file-too-large.one-string':
    'This file is {size}, more than CRM Porter can read in this format ({limit}): JSON, NDJSON and XML are read as one piece of text, and a browser caps one text at about 512 million characters. Split it into smaller files, or export it as CSV, which is read piece by piece and may be larger.',
  'error.file-too-large.workbook':
    'This workbook is {size}, more than CRM Porter reads ({limit}): a workbook unpacks to many times its size. Save the sheet as CSV in Excel and load that, or split it into smaller workbooks.',
  'error.file-too-large.settings':
    '“{file}” is {size}: a schema, a list of templates or a snapshot description is at most {limit}, so this is likely another file (a data file?). Nothing was read. Check that you chose the right file.',
  'error.file-too-large.report':
    'This error report is {size}, more than CRM Porter can merge back ({limit}): a report is read as one piece of text, and a browser caps one text at about 512 million characters. Split it into smaller files, each with the header row, and merge them one by one.',
  'error.file-too-large.snapshot':
    'This snapshot’s data is {size}, more than CRM Porter can read back in one browser tab ({limit}). Nothing was read or changed. Compare with a smaller file instead, such as the export this snapshot was made from, split by region or by date.',
  'error.snapshot-too-large.write-failed':
    'The browser refused to store the snapshot ({size}), although its storage estimate said it fits: a private window, or a browser that keeps site data in memory only, holds less. Nothing was saved or changed. Use a normal window, or compare a smaller file (split it by region or by date), then commit again.',
} as const;
