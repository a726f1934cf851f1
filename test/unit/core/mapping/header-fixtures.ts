import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_OBJECTS } from '../../../../src/core/schema/builtin-objects';
import type { CrmObject } from '../../../../src/core/schema/schema-types';

/** A real-world header set with a few sample rows and the field each column should get. */
export interface HeaderFixture {
  readonly file: string;
  readonly source: string;
  readonly object: CrmObject;
  readonly columns: readonly { header: string; expected: string | null; key?: boolean }[];
  readonly rows: readonly (readonly string[])[];
}

const DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'headers');

/** Every fixture in test/fixtures/headers, sorted by file name. */
export function loadHeaderFixtures(): HeaderFixture[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const json = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Omit<
        HeaderFixture,
        'file' | 'object'
      > & {
        object: string;
      };
      const object = BUILTIN_OBJECTS.find((o) => o.key === json.object);
      if (object === undefined) throw new Error(`${file}: unknown object ${json.object}`);
      return { ...json, file, object };
    });
}

/** Per-column samples from row-major fixture rows. */
export function columnSamples(fixture: HeaderFixture): string[][] {
  return fixture.columns.map((_, c) => fixture.rows.map((r) => r[c] ?? ''));
}
