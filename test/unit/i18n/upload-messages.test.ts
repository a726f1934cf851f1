import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/i18n/translate';

// What the Upload step says about a read, in both languages, with counts in their plural forms.
describe('Upload read messages', () => {
  it.each<[number, string, string]>([
    [1, '1 problem found while reading', '读取时发现 1 个问题'],
    [2, '2 problems found while reading', '读取时发现 2 个问题'],
    [1204, '1,204 problems found while reading', '读取时发现 1,204 个问题'],
  ])('%d problems', (count, en, zh) => {
    expect(translate('en', 'upload.problems', { count })).toBe(en);
    expect(translate('zh-CN', 'upload.problems', { count })).toBe(zh);
  });

  it.each<[number, string]>([
    [1, '(once in this file)'],
    [3, '(3 times in this file)'],
  ])('%d occurrences', (count, en) => {
    expect(translate('en', 'upload.problems.count', { count })).toBe(en);
  });

  it('name the file that read no rows, and the binary kind', () => {
    expect(translate('en', 'upload.noRows', { file: 'x.csv' })).toContain(
      'below the header of x.csv',
    );
    expect(translate('zh-CN', 'error.binary-file', { kind: 'PNG' })).toContain('PNG 文件');
    expect(translate('en', 'error.not-text', { percent: 11, bytes: 4096 })).toContain(
      '11% of its first 4,096 bytes',
    );
  });
});
