/** English messages of the Review step's import mode, update rules, undo files and revert (merged into en.ts). */
export const enReviewUndo = {
  'review.mode.title': 'What this import does',
  'review.mode.add-update': 'Add new and update existing',
  'review.mode.add-only': 'Only add new',
  'review.mode.update-only': 'Only update existing',
  'review.mode.mirror': 'Make it match this file (also delete missing)',
  'review.kind.ignored': 'Left out by the import mode',
  'review.row.ignoredNote': 'Left as it is: the import mode does not make this change.',

  'review.rules.title': 'When a field takes the new value',
  'review.rules.hint': 'For records on both sides. New records are added whole.',
  'review.rules.all': 'All fields',
  'review.rules.field': 'Field',
  'review.rules.rule': 'Rule',
  'review.rules.keptOut': 'Kept out',
  'review.rules.keptOutCount': '{count, plural, =0 {none} one {# change} other {# changes}}',
  'review.rules.inherit': 'As all fields',
  'review.rules.ruleFor': 'Rule for {field}',
  'review.rules.keptOutTotal':
    '{count, plural, =0 {The update rules keep no change out.} one {The update rules keep # change out: the old value stays.} other {The update rules keep # changes out: the old values stay.}}',
  'review.rule.always': 'Always take the new value',
  'review.rule.if-not-empty': 'Only if the new value isn’t empty',
  'review.rule.fill-empty': 'Only fill empty fields',

  'review.export.forward': 'Changes',
  'review.export.undo': 'Undo',
  'review.export.undoExplain':
    'The undo file reverses the changes: old values back for updated records, a delete for each inserted record, each deleted record inserted whole.',

  'review.history.revert': 'Revert to this',
  'review.history.revertConfirm':
    'Revert to this snapshot? Its records are committed as a new snapshot; every snapshot stays.',
  'review.history.revertYes': 'Revert',
  'review.history.reverted': 'Reverts to the snapshot of {time}',
} as const;
