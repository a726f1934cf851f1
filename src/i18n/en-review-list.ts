/** English messages of the Review step's list, summary warnings and reading aids (merged into en.ts). */
export const enReviewList = {
  'review.diff.removed': 'removed:',
  'review.diff.added': 'added:',
  'review.diff.spaces': 'spaces',
  'review.row.who': '{kind}: key {key}, {who}',
  'review.warn.title': 'Before you commit',
  'review.warn.deleted': '{count, plural, one {# record will be deleted} other {# records will be deleted}}',
  'review.warn.cleared': '{count, plural, one {# value will be cleared} other {# values will be cleared}}',
  'review.warn.clearedRejected': '{count, plural, one {(# more clearing change rejected)} other {(# more clearing changes rejected)}}',
  'review.warn.notCommitted':
    '{count, plural, one {A column only in the new data is not compared, so neither the commit nor Export will hold it: {columns}. Tick it under Columns and compare again to take its values.} other {# columns only in the new data are not compared, so neither the commit nor Export will hold them: {columns}. Tick them under Columns and compare again to take their values.}}',
  'review.warn.listSep': ', ',
  'review.warn.none': 'No record will be deleted and no value cleared.',
  'review.bar.label': 'Decisions, and what a commit would apply now',
  'review.list.hintLeave': 'Ctrl+End leaves the list, Ctrl+Home goes back above it.',
  'review.list.fullLabel': 'Before and after, one row each, over the compared fields',
} as const;
