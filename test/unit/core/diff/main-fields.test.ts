import { describe, expect, it } from 'vitest';
import { chooseMainFields } from '../../../../src/core/diff/main-fields';

describe('chooseMainFields: the fields that say who a record is', () => {
  it.each([
    // [columns, key columns, chosen]
    [['external_id', 'full_name', 'email', 'phone', 'company', 'title'], ['external_id'], ['full_name', 'company', 'email']],
    [['external_id', 'first_name', 'last_name', 'email', 'company'], ['external_id'], ['first_name', 'last_name', 'company', 'email']],
    // The key is shown anyway: the email key is not repeated; the next column fills its place.
    [['email', 'full_name', 'phone', 'company'], ['email'], ['full_name', 'company', 'phone']],
    // Raw headers, any spelling.
    [['ID', 'Company Name', 'Contact Name', 'E-mail'], ['ID'], ['Contact Name', 'Company Name', 'E-mail']],
    [['编号', '姓名', '公司', '邮箱'], ['编号'], ['姓名', '公司', '邮箱']],
    // Nothing recognised: the first columns that are not the key.
    [['sku', 'colour', 'size', 'price', 'stock'], ['sku'], ['colour', 'size', 'price']],
    // A company object: its name, then the rest.
    [['external_id', 'name', 'domain', 'industry'], ['external_id'], ['name', 'domain', 'industry']],
    [['id'], ['id'], []],
  ])('%j keyed on %j → %j', (columns, keys, chosen) => {
    expect(chooseMainFields(columns, keys)).toEqual(chosen);
  });

  it('honours the limit, first and last name counting as one', () => {
    expect(chooseMainFields(['id', 'first_name', 'last_name', 'company', 'email'], ['id'], 1)).toEqual(['first_name', 'last_name']);
    expect(chooseMainFields(['id', 'a', 'b', 'c', 'd', 'e'], ['id'], 5)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
