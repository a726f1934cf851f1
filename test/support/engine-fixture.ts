import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DatasetEngine } from '../../src/core/engine/dataset-engine';
import type { MappingPlan } from '../../src/core/engine/mapped-columns';
import type { Transform } from '../../src/core/mapping/mapping-types';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';

// A small contacts review shared by the engine's memory tests (memory-use, memory-release,
// snapshot-store): what the engine keeps alive is seen through V8's own collector.

/** V8's gc(), exposed for the calling test only, to see what the engine keeps alive. */
export function getGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Lets the current job end (a WeakRef's target stays alive until it does), then collects. */
export async function collected(gc: () => void): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
}

/** `n` contacts as CSV text (ID, Email, First), e-mails at `at`. */
export const contactRows = (n: number, at = 'example.com'): string =>
  ['ID,Email,First', ...Array.from({ length: n }, (_, i) => `${1000 + i},p${i}@${at},Name${i}`)].join('\n');

/** The three columns mapped as they are, the first name through `first` (upper case by default). */
export const contactPlan = (first: Transform[] = [{ kind: 'case', to: 'upper' }]): MappingPlan => ({
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [
    { column: 0, field: 'external_id', transforms: [], origin: 'unmapped' },
    { column: 1, field: 'email', transforms: [], origin: 'unmapped' },
    { column: 2, field: 'first_name', transforms: first, origin: 'unmapped' },
  ],
});

/** Keyed by the trimmed external ID, every field compared, add and update. */
export const REVIEW_OPTIONS = {
  key: { columns: ['external_id'], trim: true, caseInsensitive: false },
  compareColumns: ['external_id', 'email', 'first_name'],
  mode: 'add-update' as const,
  rules: { default: 'always' as const, fields: [] },
  quietClass: false,
};

/** 300 contacts mapped by `plan`, compared with a baseline of 200 whose e-mails all differ. */
export async function reviewedEngine(plan: MappingPlan = contactPlan()): Promise<DatasetEngine> {
  const engine = new DatasetEngine();
  await engine.open(new Blob([contactRows(300)]), 'a.csv');
  await engine.applyMapping(plan);
  await engine.loadBaseline(new Blob([contactRows(200, 'old.example.com')]), 'b.csv', null);
  await engine.runDiff(REVIEW_OPTIONS);
  return engine;
}
