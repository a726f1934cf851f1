import { describe, expect, it } from 'vitest';
import type { MappingProposal } from '../../../../src/core/engine/mapping-session';
import { keptColumns, suggestedColumns } from '../../../../src/core/engine/proposed-columns';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import { adviceAt, retargetTransforms } from '../../../../src/core/mapping/transform-advice';

/**
 * The columns a proposal sets, and what stays of the user's mapping when the file is read again
 * with other settings and the same headers (Upload, after Map).
 */
type ColumnAdvice = readonly { field: string; applied: Transform[] }[];

function proposal(
  fields: readonly (string | null)[],
  advice: readonly ColumnAdvice[],
  country = 'US',
): MappingProposal {
  return {
    suggestions: fields.map((field, column) => ({ column, field, confidence: 1, reasons: [], apply: field !== null, alternatives: [] })),
    examples: fields.map(() => []),
    advice: advice.map((list) => list.map((a) => ({ field: a.field, applied: a.applied, offered: [] }))),
    phoneCountry: { country, reason: 'numbers', samples: 3, support: 3 } as MappingProposal['phoneCountry'],
  };
}

const DOT: Transform = { kind: 'number', decimal: '.' };
const COMMA: Transform = { kind: 'number', decimal: ',' };
const TRIM: Transform = { kind: 'trim' };
const phone = (country: string): Transform => ({ kind: 'phone', country });

// Columns: Name, Phone, Amount. The name is a company here (the user's choice).
const ADVICE_DOT: ColumnAdvice[] = [
  [{ field: 'full_name', applied: [] }, { field: 'company', applied: [] }],
  [{ field: 'phone', applied: [phone('US')] }, { field: 'email', applied: [] }],
  [{ field: 'amount', applied: [DOT] }],
];
const ADVICE_COMMA: ColumnAdvice[] = [ADVICE_DOT[0]!, ADVICE_DOT[1]!, [{ field: 'amount', applied: [COMMA] }]];

const col = (column: number, field: string | null, transforms: Transform[], extra: Partial<ColumnMapping> = {}): ColumnMapping => ({
  column,
  field,
  transforms,
  origin: 'unmapped',
  ...extra,
});

describe('suggestedColumns', () => {
  it('applies sure suggestions with their defaults, in the default country on screen', () => {
    const p = proposal(['full_name', 'phone', null], ADVICE_DOT);
    expect(suggestedColumns(p, 'DE')).toEqual([col(0, 'full_name', []), col(1, 'phone', [phone('DE')]), col(2, null, [])]);
  });
});

describe('keptColumns: the file read again with the same headers', () => {
  const before = proposal(['full_name', 'phone', 'amount'], ADVICE_DOT);
  const after = proposal(['full_name', 'phone', 'amount'], ADVICE_COMMA);

  it('keeps the field the user chose, and a transform they added', () => {
    const mine = [col(0, 'company', [TRIM]), col(1, 'phone', [phone('US')]), col(2, 'amount', [DOT])];
    const kept = keptColumns({ columns: mine, proposal: before, defaultCountry: 'US' }, after, 'US');
    expect(kept[0]).toEqual(col(0, 'company', [TRIM]));
  });

  it('a column left as suggested takes the new suggestion and its new defaults', () => {
    const mine = suggestedColumns(before, 'US');
    const kept = keptColumns({ columns: mine, proposal: before, defaultCountry: 'US' }, after, 'US');
    expect(kept).toEqual(suggestedColumns(after, 'US'));
    expect(kept[2]!.transforms).toEqual([COMMA]);
  });

  it('a column the user changed keeps their transforms, and its default follows the new advice', () => {
    // The amount kept with a trim the user put before the default number transform.
    const mine = [col(0, 'full_name', []), col(1, 'phone', [phone('US')]), col(2, 'amount', [TRIM, DOT])];
    const kept = keptColumns({ columns: mine, proposal: before, defaultCountry: 'US' }, after, 'US');
    expect(kept[2]).toEqual(col(2, 'amount', [TRIM, COMMA]));
  });

  it('the same defaults on both sides leave the order the user gave', () => {
    const mine = [col(0, 'full_name', []), col(1, 'phone', [phone('US')]), col(2, 'amount', [DOT, TRIM])];
    const kept = keptColumns({ columns: mine, proposal: before, defaultCountry: 'US' }, before, 'US');
    expect(kept[2]).toEqual(col(2, 'amount', [DOT, TRIM]));
  });

  it('a custom field and a template column stay as they were', () => {
    const mine = [col(0, 'notes', [], { custom: true }), col(1, 'phone', [phone('US')], { origin: 'template' }), col(2, 'amount', [DOT])];
    const kept = keptColumns({ columns: mine, proposal: before, defaultCountry: 'US' }, after, 'US');
    expect(kept[0]).toEqual(mine[0]);
    expect(kept[1]).toEqual(mine[1]);
    expect(kept[2]).toEqual(col(2, 'amount', [COMMA]));
  });

  it('with no proposal before (a restored mapping), every column is the user’s', () => {
    const mine = [col(0, 'full_name', []), col(1, 'phone', [phone('US')]), col(2, 'amount', [DOT])];
    const kept = keptColumns({ columns: mine, proposal: null, defaultCountry: 'US' }, after, 'US');
    expect(kept.map((c) => c.field)).toEqual(['full_name', 'phone', 'amount']);
  });

  it('a phone default in the user’s country is a default, not a second phone transform', () => {
    // The proposal guessed US; the user picked Germany as the default country and added a trim.
    const mine = [col(0, 'company', []), col(1, 'phone', [TRIM, phone('DE')]), col(2, 'amount', [DOT])];
    // Read again, the numbers now look Austrian to the proposal: its advice says phone:AT.
    const advice: ColumnAdvice[] = [ADVICE_DOT[0]!, [{ field: 'phone', applied: [phone('AT')] }], ADVICE_COMMA[2]!];
    const kept = keptColumns({ columns: mine, proposal: before, defaultCountry: 'DE' }, proposal(['full_name', 'phone', 'amount'], advice, 'AT'), 'DE');
    expect(kept[1]!.transforms).toEqual([TRIM, phone('DE')]);
  });
});

describe('adviceAt: the advice in the default country on screen', () => {
  it('lets a phone column moved to another field lose its phone default', () => {
    // Germany picked by hand: the column holds phone:DE; moved to e-mail it must not keep it.
    const p = proposal(['full_name', 'phone', 'amount'], ADVICE_DOT, 'US');
    const moved = retargetTransforms([phone('DE')], adviceAt(p, 1, 'phone', 'DE'), adviceAt(p, 1, 'email', 'DE'));
    expect(moved).toEqual([]);
  });

  it('is undefined for an unmapped column or no proposal', () => {
    const p = proposal(['full_name', 'phone', 'amount'], ADVICE_DOT);
    expect(adviceAt(p, 1, null, 'US')).toBeUndefined();
    expect(adviceAt(null, 1, 'phone', 'US')).toBeUndefined();
  });
});
