import type { InvalidRowPolicy } from './mapped-table';

/** Where the records an export writes come from. */
export type ExportSource = 'raw' | 'mapped' | 'committed';

/** What the data holds right now, as the page knows it from the engine's summaries. */
export interface ExportPlanInput {
  readonly source: ExportSource;
  readonly policy: InvalidRowPolicy;
  /** Records in the data: rows as read, mapped rows not deleted, or the merged dataset. */
  readonly rows: number;
  /** Mapped rows (not deleted) that still have at least one error; 0 for raw data. */
  readonly rowsWithErrors: number;
  /** Rows deleted in Validate (mapped data only). */
  readonly deleted: number;
  /** Columns the file will hold (the mapped fields, the merged dataset's or the file's columns); none: nothing is written. Default: some. */
  readonly fields?: number;
  /**
   * For a committed dataset: the policy the review compared under, and how many rows with
   * errors it left out then. The merged data is what that comparison produced. `revert`: the
   * records are a stored snapshot's (History's "Revert to this"), which no policy of the current
   * data made, nor its deleted rows.
   */
  readonly committed?: { readonly policy: InvalidRowPolicy; readonly leftOut: number; readonly revert?: boolean } | undefined;
}

/** The export's headline and its reasons: every record is either written or accounted for. */
export interface ExportPlan {
  readonly source: ExportSource;
  /** Records the file will hold. 0 when blocked. */
  readonly records: number;
  /** Rows left out because they have errors (policy `skip`, now or when the review compared). */
  readonly leftOutErrors: number;
  /** Rows with errors written as they are (policy `include`). */
  readonly includedWithErrors: number;
  /** Rows deleted in Validate, which are never written. */
  readonly deleted: number;
  /** Rows (mapped, not deleted) that have errors now, whatever the policy does with them. */
  readonly withErrors: number;
  /** True when the policy is `block` and errors remain: nothing will be written. */
  readonly blocked: boolean;
  /** A committed dataset compared under another policy than the one chosen now. */
  readonly policyChanged: boolean;
  /** No column to write (a mapping of no field): nothing will be written, whatever the rows. */
  readonly noFields: boolean;
}

/**
 * How many records an export will write and why the others are not written, under the error
 * policy. The same rules as the engine's export (`mappedTable`), so the headline before the
 * download is the count in the file.
 *
 * @example
 * planExport({ source: 'mapped', policy: 'skip', rows: 300, rowsWithErrors: 300, deleted: 0 });
 * // → { records: 0, leftOutErrors: 300, … }
 */
export function planExport(input: ExportPlanInput): ExportPlan {
  const plan = planRecords(input);
  // The engine refuses to write no column (`no-fields`): the headline says so up front.
  return input.fields === 0 ? { ...plan, records: 0, noFields: true } : plan;
}

function planRecords(input: ExportPlanInput): ExportPlan {
  const { source, policy, rows, rowsWithErrors, deleted } = input;
  const noFields = false;
  if (source === 'raw') {
    return { source, records: rows, leftOutErrors: 0, includedWithErrors: 0, deleted: 0, withErrors: 0, blocked: false, policyChanged: false, noFields };
  }
  const blocked = policy === 'block' && rowsWithErrors > 0;
  if (source === 'committed') {
    const at = input.committed ?? { policy: 'include', leftOut: 0 };
    if (at.revert === true) {
      return { source, records: blocked ? 0 : rows, leftOutErrors: 0, includedWithErrors: 0, deleted: 0, withErrors: rowsWithErrors, blocked, policyChanged: false, noFields };
    }
    // The review compared with rows with errors left out (skip) or in (block, include).
    const comparedSkipping = at.policy === 'skip';
    return {
      source,
      records: blocked ? 0 : rows,
      leftOutErrors: comparedSkipping ? at.leftOut : 0,
      includedWithErrors: comparedSkipping || blocked ? 0 : rowsWithErrors,
      deleted,
      withErrors: rowsWithErrors,
      blocked,
      policyChanged: comparedSkipping !== (policy === 'skip'),
      noFields,
    };
  }
  if (blocked) {
    return { source, records: 0, leftOutErrors: 0, includedWithErrors: 0, deleted, withErrors: rowsWithErrors, blocked, policyChanged: false, noFields };
  }
  const skip = policy === 'skip';
  return {
    source,
    records: skip ? rows - rowsWithErrors : rows,
    leftOutErrors: skip ? rowsWithErrors : 0,
    includedWithErrors: skip ? 0 : rowsWithErrors,
    deleted,
    withErrors: rowsWithErrors,
    blocked: false,
    policyChanged: false,
    noFields,
  };
}
