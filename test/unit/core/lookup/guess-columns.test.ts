import { describe, expect, it } from 'vitest';
import { guessLookupColumns } from '../../../../src/core/lookup/guess-columns';

describe('guessLookupColumns', () => {
  it.each([
    [['Id', 'Account Name', 'Website'], 'Account Name', 'Id'],
    [['客户编号', '公司名称', '网站'], '公司名称', '客户编号'],
    [['Kundennummer', 'Firma', 'Webseite'], 'Firma', 'Kundennummer'],
    [['Account ID', 'Company'], 'Company', 'Account ID'],
    // Nothing named: the first column matched, the next filled, never one column for both.
    [['a', 'b'], 'a', 'b'],
    [['Id'], 'Id', 'Id'],
  ])('%j → match %s, fill %s', (columns, lookupColumn, valueColumn) => {
    expect(guessLookupColumns(columns)).toEqual({ lookupColumn, valueColumn });
  });
});
