/** English messages of the Validate step's duplicates panel, paged (merged into en.ts). */
export const enDupes = {
  'validate.dupes.page': '{total, plural, one {Group {from} of #} other {Groups {from}–{to} of #}}',
  'validate.dupes.prev': 'Previous groups',
  'validate.dupes.next': 'Next groups',
  'validate.dupes.rowsShown':
    '{count, plural, one {Showing {shown} of # row.} =2 {Showing {shown} of 2 rows; “Keep this row” and “Merge into this row” act on both.} other {Showing {shown} of # rows; “Keep this row” and “Merge into this row” act on all # rows.}}',
  'validate.dupes.conflicts':
    '{count, plural, one {Values differ in # field: {fields}.} other {Values differ in # fields: {fields}.}} A merge keeps the value of the row you merge into unless you choose another; the other values are deleted with their rows.',
  'validate.dupes.listSep': ', ',
  'validate.dupes.take': 'Keep {value} as {field}',
  'validate.dupes.showMore': '{count, plural, one {Show # more row} other {Show # more rows}}',
} as const;
