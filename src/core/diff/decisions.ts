/**
 * What the user rejected in review; everything else is accepted. Keys are the diff's record
 * keys, columns its column names.
 */
export interface Decisions {
  readonly rejectedChanges: ReadonlySet<string>;
  readonly rejectedFields: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Nothing rejected.
 *
 * @example
 * applyChanges(base, next, diff, acceptAll());
 */
export function acceptAll(): Decisions {
  return { rejectedChanges: new Set(), rejectedFields: new Map() };
}

/** True unless the record's change or this field of it was rejected. */
export function isFieldAccepted(decisions: Decisions, key: string, column: string): boolean {
  return !decisions.rejectedChanges.has(key) && decisions.rejectedFields.get(key)?.has(column) !== true;
}
