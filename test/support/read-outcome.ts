import { PorterError } from '../../src/core/model/porter-error';
import { tableToRows, type Table } from '../../src/core/model/table';
import type { ReadResult } from '../../src/core/read/read-types';

/** Everything a read answers, as plain data: two reads that should agree are compared on this. */
export function outcomeOf(result: ReadResult<object>) {
  const t: Table = result.table;
  return {
    columns: t.columns,
    rows: tableToRows(t),
    sources: Array.from({ length: t.rowCount }, (_, r) => t.sourceRow(r)),
    issues: result.issues,
    counts: result.issueCounts,
    meta: result.meta,
  };
}

/** {@link outcomeOf} a read, or the code of the PorterError it threw; null (not CSV) as `{ ok: 'not csv' }`. */
export async function settle(run: () => Promise<ReadResult<object> | null>) {
  try {
    const r = await run();
    return r === null ? { ok: 'not csv' } : outcomeOf(r);
  } catch (err) {
    if (err instanceof PorterError) return { code: err.code };
    throw err;
  }
}
