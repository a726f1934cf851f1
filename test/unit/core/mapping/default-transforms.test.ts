import { beforeAll, describe, expect, it } from 'vitest';
import { adviseTransforms, type AdviceContext } from '../../../../src/core/mapping/default-transforms';
import { retargetTransforms, withPhoneCountry } from '../../../../src/core/mapping/transform-advice';
import type { Transform } from '../../../../src/core/mapping/mapping-types';
import { namesAlreadySplit } from '../../../../src/core/mapping/transform-catalogue';
import { findField } from '../../../../src/core/schema/builtin-objects';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { DEAL_OBJECT } from '../../../../src/core/schema/deal-object';
import type { FieldDef } from '../../../../src/core/schema/schema-types';
import { applyTransforms } from '../../../../src/core/transform/apply-transforms';
import { loadPhoneSupport, type PhoneSupport } from '../../../../src/core/transform/phone-support';

let phones: PhoneSupport;
beforeAll(async () => {
  phones = await loadPhoneSupport();
});

const contact = (key: string): FieldDef => findField(CONTACT_OBJECT, key) as FieldDef;
const deal = (key: string): FieldDef => findField(DEAL_OBJECT, key) as FieldDef;
const vip: FieldDef = { key: 'vip', label: { en: 'VIP', 'zh-CN': 'VIP' }, type: 'boolean', synonyms: [] };

function ctx(patch: Partial<AdviceContext> = {}): AdviceContext {
  return { column: 0, dateOrder: 'unknown', decimal: undefined, country: 'US', phones, nameSplit: false, ...patch };
}

/** A transform as `kind:param`: what a case expects of it. */
function label(t: Transform): string {
  switch (t.kind) {
    case 'date':
      return `date:${t.order}`;
    case 'number':
      return `number:${t.decimal}`;
    case 'phone':
      return `phone:${t.country}`;
    default:
      return t.kind;
  }
}

/** The applied transforms and the offered kinds: the whole decision. */
function decide(field: FieldDef, samples: (string | null)[], patch: Partial<AdviceContext> = {}): { applied: string[]; offered: string[] } {
  const a = adviseTransforms(field, samples, ctx(patch));
  return { applied: a.applied.map(label), offered: [...a.offered] };
}

describe('default transforms: applied when the values show it, offered otherwise', () => {
  // [case, field, samples, context, applied, offered]
  const cases: [string, FieldDef, (string | null)[], Partial<AdviceContext>, string[], string[]][] = [
    // Picklists: labels, keys and synonyms in any case.
    ['sample lifecycle labels', contact('lifecycle_stage'), ['Opportunity', 'Subscriber', 'Opportunity', 'Customer', 'Lead'], {}, ['value-map'], ['trim']],
    ['Salesforce LeadSource', contact('lead_source'), ['Web', 'Trade Show', 'Partner Referral', 'Web', 'Phone Inquiry'], {}, ['value-map'], ['trim']],
    ['Chinese labels', contact('lifecycle_stage'), ['商机', '客户', '线索'], {}, ['value-map'], ['trim']],
    ['keys in upper case', contact('lifecycle_stage'), ['LEAD', 'CUSTOMER'], {}, ['value-map'], ['trim']],
    ['already keys: nothing to do', contact('lifecycle_stage'), ['lead', 'customer', ''], {}, [], ['value-map', 'trim']],
    ['mostly unknown values: offered', contact('lifecycle_stage'), ['Gold', 'Silver', 'Bronze', 'Lead'], {}, [], ['value-map', 'trim']],
    ['half known: applied (unknown ones stay for validation)', contact('lifecycle_stage'), ['Gold', 'Lead'], {}, ['value-map'], ['trim']],
    // Booleans: the shared yes/no words.
    ['yes/no words', vip, ['Yes', 'no', 'JA', '是'], {}, ['value-map'], ['trim']],
    ['true/false already', vip, ['true', 'false'], {}, [], ['value-map', 'trim']],
    ['not booleans', vip, ['maybe', 'perhaps', 'yes'], {}, [], ['value-map', 'trim']],
    // Dates: the column's order, else the file's; ambiguous ones only offered.
    ['yyyy/m/d (Chinese Excel)', contact('created_at'), ['2020/1/1', '2021/12/31', '2019/7/4'], {}, ['date:YMD'], []],
    ['day over 12 in the column', contact('created_at'), ['13/02/2024', '03/04/2024', '25.12.2023'], {}, ['date:DMY'], []],
    ['ambiguous, file says DMY', contact('created_at'), ['03/04/2024', '05/06/2024'], { dateOrder: 'DMY' }, ['date:DMY'], []],
    ['ambiguous, nothing known: offered', contact('created_at'), ['03/04/2024', '05/06/2024'], {}, [], ['date']],
    ['ISO already: nothing to do', contact('created_at'), ['2024-01-02', '2024-01-02T10:00:00'], {}, [], ['date']],
    ['not dates: offered', contact('created_at'), ['soon', 'later', 'never'], {}, [], ['date']],
    // Numbers: the column's decimal separator, else the file's.
    ['German amounts', deal('amount'), ['1.234,50', '980,00', '12.000,00'], {}, ['number:,'], []],
    ['English amounts', deal('amount'), ['1,234.50', '$980.00'], { decimal: ',' }, ['number:.'], []],
    ['undecided, file says comma', deal('amount'), ['1.234', '12'], { decimal: ',' }, ['number:,'], []],
    ['canonical already', deal('amount'), ['1234.5', '-3'], {}, [], ['number']],
    ['not numbers: offered', deal('amount'), ['n/a', 'tbd', 'ask'], {}, [], ['number']],
    // Phones: E.164 with the inferred country when the numbers read.
    ['mainland mobiles, CN', contact('mobile'), ['13800138000', '139 1234 5678', '+86 137 0000 1111'], { country: 'CN' }, ['phone:CN'], []],
    ['German numbers, DE', contact('phone'), ['030 1234567', '+49 30 7654321', '0171 2345678'], { country: 'DE' }, ['phone:DE'], []],
    ['unreadable numbers: offered', contact('phone'), ['call me', 'n/a', 'ask Bob'], {}, [], ['phone']],
    ['E.164 already', contact('phone'), ['+14155552671', '+8613800138000'], {}, [], ['phone']],
    ['no phone library: offered', contact('phone'), ['(415) 555-2671'], { phones: undefined }, [], ['phone']],
    // Names: split only what looks like whole names, never when the file has both halves.
    ['first names only', contact('first_name'), ['Ada', 'Grace', 'Alan'], {}, [], ['trim']],
    ['whole names in a first-name column', contact('first_name'), ['Ada Lovelace', 'Grace Hopper'], {}, [], ['split-name', 'trim']],
    ['Chinese names', contact('last_name'), ['张伟', '欧阳娜娜'], {}, [], ['split-name', 'trim']],
    ['already split into first and last', contact('first_name'), ['Ada Mary', 'Grace'], { nameSplit: true }, [], ['trim']],
    // Everything else: offered only.
    ['email', contact('email'), ['Ada@Example.com'], {}, [], ['lowercase-email', 'trim']],
    ['text', contact('city'), [' Berlin '], {}, [], ['trim', 'collapse-spaces']],
  ];
  it.each(cases)('%s', (_name, field, samples, patch, applied, offered) => {
    expect(decide(field, samples, patch)).toEqual({ applied, offered });
  });

  it('an applied value map turns every sample into an option key', () => {
    const field = contact('lead_source');
    const [t] = adviseTransforms(field, ['Web', 'Trade Show', 'Partner Referral'], ctx()).applied;
    expect(['Web', 'Trade Show', 'Partner Referral', 'WEBSITE'].map((v) => applyTransforms(v, [t as Transform], { row: [] }).value)).toEqual([
      'web',
      'event',
      'referral',
      'web',
    ]);
  });
});

describe('when the field or the country changes', () => {
  const stage = adviseTransforms(contact('lifecycle_stage'), ['Opportunity'], ctx());
  const source = adviseTransforms(contact('lead_source'), ['Web'], ctx());
  const trim: Transform = { kind: 'trim' };

  it("drops the old field's defaults, keeps the user's, adds the new field's", () => {
    expect(retargetTransforms([...stage.applied, trim], stage, source)).toEqual([trim, ...source.applied]);
    expect(retargetTransforms([trim], undefined, undefined)).toEqual([trim]);
  });

  it('phone transforms on the old default country follow the new one; others stay', () => {
    const t: Transform[] = [{ kind: 'phone', country: 'US' }, { kind: 'phone', country: 'GB' }, trim];
    expect(withPhoneCountry(t, 'US', 'CN')).toEqual([{ kind: 'phone', country: 'CN' }, { kind: 'phone', country: 'GB' }, trim]);
  });

  it.each([
    [[{ column: 0, field: 'first_name' }, { column: 1, field: 'last_name' }], true],
    [[{ column: 0, field: 'first_name' }, { column: 0, field: 'last_name' }], false],
    [[{ column: 0, field: 'first_name' }, { column: 1, field: null }], false],
    [[{ column: 0, field: 'full_name' }], false],
  ] as const)('names already split: %j → %s', (columns, split) => {
    expect(namesAlreadySplit(columns)).toBe(split);
  });
});
