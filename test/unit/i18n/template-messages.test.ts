import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, translate } from '../../../src/i18n/translate';

describe('the templates panel says what an import did, in both languages, with the right plural', () => {
  beforeAll(() => loadLocale('zh-CN'));

  it('says how many were already saved and left alone', () => {
    expect(translate('en', 'map.templates.importedSame', { count: 1 })).toBe(
      '1 template in the file is already saved as it is; it was not added again.',
    );
    expect(translate('en', 'map.templates.importedSame', { count: 2 })).toBe(
      '2 templates in the file are already saved as they are; they were not added again.',
    );
    expect(translate('zh-CN', 'map.templates.importedSame', { count: 2 })).toBe('文件中有 2 个模板已保存且内容相同，未重复添加。');
  });

  it('names the ones kept beside a saved template of the same name', () => {
    expect(translate('en', 'map.templates.importedRenamed', { count: 1, names: '“Fair (2)”' })).toBe(
      '1 imported template has the name of a saved one, which is left as it was; the imported one is kept beside it as “Fair (2)”.',
    );
    expect(translate('en', 'map.templates.importedRenamed', { count: 1_200, names: '“A (2)” and 1,199 more' })).toBe(
      '1,200 imported templates have the names of saved ones, which are left as they were; the imported ones are kept beside them as “A (2)” and 1,199 more.',
    );
    expect(translate('zh-CN', 'map.templates.importedRenamed', { count: 1, names: '“Fair (2)”' })).toBe(
      '有 1 个导入的模板与已保存的模板同名，已保存的模板保持不变，导入的模板另存为“Fair (2)”。',
    );
    expect(translate('zh-CN', 'map.templates.moreNames', { count: 3 })).toBe('等另外 3 个');
  });

  it('asks before a save replaces a saved template of that name, and refuses a rename to one', () => {
    expect(translate('en', 'map.templates.replaceAsk', { name: 'Fair' })).toBe(
      'A template named “Fair” is already saved. Replace it with the current mapping?',
    );
    expect(translate('zh-CN', 'map.templates.replaceAsk', { name: 'Fair' })).toBe('已有名为“Fair”的模板。要用当前映射替换它吗？');
    expect(translate('en', 'map.templates.replaced', { name: 'Fair' })).toBe('Template “Fair” replaced with the current mapping.');
    expect(translate('zh-CN', 'map.templates.replaced', { name: 'Fair' })).toBe('已用当前映射替换模板“Fair”。');
    expect(translate('en', 'map.templates.nameTaken', { name: 'Fair' })).toBe(
      'A template named “Fair” is already saved. Choose another name.',
    );
    expect(translate('zh-CN', 'map.templates.nameTaken', { name: 'Fair' })).toBe('已有名为“Fair”的模板，请换一个名称。');
  });
});
