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

/**
 * Decisions by record of one diff: the decided keys found among its records once
 * (`DiffKeys.indexOf`, a lookup per decided key), so a walk over a million records asks a
 * record index instead of making its key string.
 */
export interface RecordDecisions {
  /** The records whose whole change was rejected. */
  readonly rejectedRecords: ReadonlySet<number>;
  /** Per record, its rejected fields. */
  readonly rejectedFields: ReadonlyMap<number, ReadonlySet<string>>;
  /** Whether record `i`'s whole change was rejected. */
  rejected(i: number): boolean;
  /** True unless record `i`'s change or this field of it was rejected ({@link isFieldAccepted}). */
  fieldAccepted(i: number, column: string): boolean;
}

/** {@link RecordDecisions} of `decisions` over a diff's record keys. */
export function recordDecisions(keys: { indexOf(key: string): number }, decisions: Decisions): RecordDecisions {
  const rejected = new Set<number>();
  for (const key of decisions.rejectedChanges) {
    const i = keys.indexOf(key);
    if (i >= 0) rejected.add(i);
  }
  const fields = new Map<number, ReadonlySet<string>>();
  for (const [key, columns] of decisions.rejectedFields) {
    const i = keys.indexOf(key);
    if (i >= 0) fields.set(i, columns);
  }
  return {
    rejectedRecords: rejected,
    rejectedFields: fields,
    rejected: (i) => rejected.has(i),
    fieldAccepted: (i, column) => !rejected.has(i) && fields.get(i)?.has(column) !== true,
  };
}
