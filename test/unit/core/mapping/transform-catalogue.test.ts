import { describe, expect, it } from 'vitest';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { findField } from '../../../../src/core/schema/builtin-objects';
import { applyTransforms } from '../../../../src/core/transform/apply-transforms';
import { createTransform, picklistMap } from '../../../../src/core/mapping/transform-catalogue';

describe('picklist value map offered by the Map step', () => {
  const stage = findField(CONTACT_OBJECT, 'lifecycle_stage');

  it.each([
    ['Opportunity', 'opportunity'],
    ['  SUBSCRIBER ', 'subscriber'],
    ['Customer', 'customer'],
  ])('maps the label %j to the option value %j', (input, expected) => {
    expect(stage).toBeDefined();
    const t = createTransform('value-map', { country: 'US', field: stage, column: 0 });
    expect(applyTransforms(input, [t], { row: [] }).value).toBe(expected);
  });

  it('maps Chinese labels too, and leaves unknown values for validation to flag', () => {
    const map = picklistMap(stage!);
    const zh = stage!.options!.find((o) => o.value === 'customer')!.label['zh-CN'];
    expect(map[zh]).toBe('customer');
    const t = createTransform('value-map', { country: 'US', field: stage, column: 0 });
    expect(applyTransforms('Martian', [t], { row: [] }).value).toBe('Martian');
  });

  it('maps yes/no words for booleans', () => {
    const map = picklistMap({ key: 'vip', label: { en: 'VIP', 'zh-CN': 'VIP' }, type: 'boolean', synonyms: [] });
    expect(map['是']).toBe('true');
    expect(map['nein']).toBe('false');
  });
});
