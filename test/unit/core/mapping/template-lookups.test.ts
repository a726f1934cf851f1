import { describe, expect, it } from 'vitest';
import { PorterError } from '../../../../src/core/model/porter-error';
import { exportTemplates, importTemplates } from '../../../../src/core/mapping/template-io';
import { createTemplate } from '../../../../src/core/mapping/template-match';

const LOOKUP = {
  matchBy: 'company',
  matchField: 'company',
  lookupColumn: 'Account Name',
  valueColumn: 'Id',
  targetField: 'account_id',
  overwrite: false,
} as const;

const template = (lookups?: readonly (typeof LOOKUP)[]) =>
  createTemplate({
    id: 't1',
    name: 'Salesforce contacts',
    object: 'contact',
    columns: ['Company', 'Account ID'],
    mappings: [
      { field: 'company', transforms: [] },
      { field: 'account_id', transforms: [] },
    ],
    lookups,
  });

describe('lookups saved with a mapping template', () => {
  it('round-trip through the exported templates file', () => {
    const t = template([LOOKUP]);
    expect(t.lookups).toEqual([LOOKUP]);
    expect(importTemplates(exportTemplates([t]))).toEqual([t]);
  });

  it('a template without lookups has no lookups key', () => {
    expect(Object.hasOwn(template([]), 'lookups')).toBe(false);
    expect(Object.hasOwn(template(), 'lookups')).toBe(false);
  });

  it('an unknown way of matching is refused with its path', () => {
    const text = exportTemplates([template([LOOKUP])]).replace('"matchBy": "company"', '"matchBy": "phone"');
    expect(text).toContain('"phone"');
    let err: unknown;
    try {
      importTemplates(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PorterError);
    expect(err).toMatchObject({ code: 'template-invalid', details: { path: '$.templates[0].lookups[0].matchBy' } });
  });
});
