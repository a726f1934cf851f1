import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { columnsNotCommitted } from '../../../../src/features/review/review-text';
import { translate } from '../../../../src/i18n/translate';

// A column only the new data has (this month's export gained "mobile") and not ticked for the
// comparison is left out of the merge: the commit, its snapshot and Export lack it. The Review
// step said nothing of it (found by the audit): the warning names exactly what the commit lacks.

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const NEXT = 'id,name,mobile,fax\n1,Ada,+4915112345678,\n2,Bob,+4915112345679,030 1\n3,Cy,,\n';
const BASE = 'id,name\n1,Ada\n2,Bobby\n';

async function committedColumns(compareColumns: string[]) {
  const engine = new DatasetEngine();
  await engine.open(utf8(NEXT), 'next.csv');
  await engine.loadBaseline(utf8(BASE), 'base.csv', null);
  const review = await engine.runDiff({
    key: { columns: ['id'], trim: true, caseInsensitive: false },
    compareColumns,
    mode: 'add-update',
    rules: { default: 'if-not-empty', fields: [] },
    quietClass: true,
  });
  const commit = await engine.commit();
  return { review, columns: commit.columns };
}

describe('columns only in the new data, not compared', () => {
  it('are the columns the commit lacks, and only those', async () => {
    const shared = await committedColumns(['id', 'name']);
    expect(shared.columns).toEqual(['id', 'name']);
    expect(columnsNotCommitted(shared.review)).toEqual(['mobile', 'fax']);
    // Ticked: compared as missing on the baseline's side, and committed.
    const ticked = await committedColumns(['id', 'name', 'mobile']);
    expect(ticked.columns).toEqual(['id', 'name', 'mobile']);
    expect(columnsNotCommitted(ticked.review)).toEqual(['fax']);
    const all = await committedColumns(['id', 'name', 'mobile', 'fax']);
    expect(columnsNotCommitted(all.review)).toEqual([]);
  });

  it('are named with their plural, in English and Chinese', () => {
    expect(translate('en', 'review.warn.notCommitted', { count: 1, columns: 'mobile' })).toBe(
      'A column only in the new data is not compared, so neither the commit nor Export will hold it: mobile. Tick it under Columns and compare again to take its values.',
    );
    expect(translate('en', 'review.warn.notCommitted', { count: 2, columns: 'mobile, fax' })).toBe(
      '2 columns only in the new data are not compared, so neither the commit nor Export will hold them: mobile, fax. Tick them under Columns and compare again to take their values.',
    );
    expect(translate('zh-CN', 'review.warn.notCommitted', { count: 2, columns: 'mobile、fax' })).toBe(
      '有 2 列只在新数据中且未参与比较，提交和导出都不会包含：mobile、fax。请在“列”中勾选并重新比较，以保留其中的值。',
    );
  });
});
