import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

// A snapshot downloaded from History (its NDJSON in the rows layout: a line of names, then an
// array of cells a line) opens again as a data file, whatever it is named: the same columns,
// cells, missing against empty, and rows; and serves as a baseline file with no stored
// fingerprints. Was a bug of the rows layout's first version: the file starts with `[`, and
// detection took it for a JSON document with no list of records.
describe('a downloaded snapshot opens as a data file', () => {
  it.each(['snapshot-2026-11-29.ndjson', 'snapshot.txt'])('%s: detected as NDJSON of names then rows, read back cell for cell', async (name) => {
    const engine = new DatasetEngine();
    // A quoted field with a comma, quotes and a line break; an empty cell; CJK.
    await engine.open(utf8('id,name,note\r\n1,Ada,"said ""hi"", then\r\nleft"\r\n2,张伟,\r\n'), 'first.csv');
    const initial = await engine.commitInitial('include');
    const bytes = new Uint8Array(await initial.snapshot.arrayBuffer());
    expect(new TextDecoder().decode(bytes).startsWith('["id","name","note"]\n')).toBe(true);

    const again = new DatasetEngine();
    const opened = await again.open(bytes, name);
    expect(opened.settings.format).toBe('ndjson');
    expect(opened.detection.format.reason).toBe('names-then-rows');
    expect(opened.columns).toEqual(['id', 'name', 'note']);
    expect(opened.issueTotal).toBe(0);
    expect(again.window(0, 10).rows).toEqual([
      ['1', 'Ada', 'said "hi", then\r\nleft'],
      ['2', '张伟', ''],
    ]);

    // As the baseline file of the next import (no stored fingerprints): nothing differs.
    await engine.open(utf8('id,name,note\r\n1,Ada,"said ""hi"", then\r\nleft"\r\n2,张伟,\r\n'), 'second.csv');
    const baseline = await engine.loadBaseline(bytes, name, null);
    expect(baseline.rowCount).toBe(2);
    const review = await engine.runDiff({
      key: { columns: ['id'], trim: true, caseInsensitive: false },
      compareColumns: ['id', 'name', 'note'],
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: false,
    });
    expect(review.counts).toMatchObject({ added: 0, removed: 0, modified: 0, unchanged: 2 });
  });
});
