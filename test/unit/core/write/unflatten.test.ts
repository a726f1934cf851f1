import { describe, expect, it } from 'vitest';
import { PorterError } from '../../../../src/core/model/porter-error';
import { planUnflatten, type PlanNode } from '../../../../src/core/write/unflatten';

/**
 * A compact picture of a plan: leaves as `key#column`, attributes as `@key#column`, groups as
 * `[key, [...]]` (tuples, not objects, so a group called `__proto__` stays data).
 */
function show(nodes: readonly PlanNode[]): unknown[] {
  return nodes.map((n) =>
    n.kind === 'leaf'
      ? `${n.key}#${n.column}`
      : [n.key, [...n.attributes.map((a) => `@${a.key}#${a.column}`), ...show(n.children)]],
  );
}

describe('planUnflatten', () => {
  it.each<[string, string[], unknown[]]>([
    ['flat names stay flat', ['id', 'name'], ['id#0', 'name#1']],
    ['dotted names nest', ['address.city', 'address.zip'], [['address', ['city#0', 'zip#1']]]],
    ['deep nesting', ['a.b.c', 'a.b.d', 'a.e'], [['a', [['b', ['c#0', 'd#1']], 'e#2']]]],
    ['groups keep first-appearance order', ['a.x', 'b', 'a.y'], [['a', ['x#0', 'y#2']], 'b#1']],
    ['a and a.b: a.b stays literal', ['a', 'a.b'], ['a#0', 'a.b#1']],
    ['a.b before a: still literal', ['a.b', 'a'], ['a.b#0', 'a#1']],
    ['a.b and a.b.c: a.b nests, a.b.c literal', ['a.b', 'a.b.c'], [['a', ['b#0']], 'a.b.c#1']],
    [
      'empty segments stay literal',
      ['a..b', '.a', 'a.', '.', ''],
      ['a..b#0', '.a#1', 'a.#2', '.#3', '#4'],
    ],
    [
      '__proto__ is data',
      ['__proto__.x', 'constructor'],
      [['__proto__', ['x#0']], 'constructor#1'],
    ],
    ['@ has no meaning without attributes', ['@id', 'a.@t'], ['@id#0', ['a', ['@t#1']]]],
  ])('%s', (_name, columns, expected) => {
    expect(show(planUnflatten(columns, { attributes: false }).children)).toEqual(expected);
  });

  it('with attributes: @x on the record, a.@t on a', () => {
    const plan = planUnflatten(['@id', 'a.@t', 'a.b', 'name'], { attributes: true });
    expect(plan.attributes).toEqual([{ kind: 'leaf', key: 'id', column: 0 }]);
    expect(show(plan.children)).toEqual([['a', ['@t#1', 'b#2']], 'name#3']);
  });

  it.each<[string, string[], string[]]>([
    ['bare @ is an element', ['@'], ['@#0']],
    ['@ inside a path keeps it literal', ['@a.b', 'a.@b.c'], ['@a.b#0', 'a.@b.c#1']],
    ['a with a.@t: literal', ['a', 'a.@t'], ['a#0', 'a.@t#1']],
    ['a.@ is literal', ['a.@'], ['a.@#0']],
  ])('with attributes: %s', (_name, columns, expected) => {
    const plan = planUnflatten(columns, { attributes: true });
    expect(plan.attributes).toEqual([]);
    expect(show(plan.children)).toEqual(expected);
  });

  it('refuses duplicate column names', () => {
    expect(() => planUnflatten(['a', 'b', 'a'], { attributes: false })).toThrow(PorterError);
    let caught: unknown;
    try {
      planUnflatten(['a', 'a'], { attributes: false });
    } catch (err) {
      caught = err;
    }
    expect((caught as PorterError).code).toBe('export-failed');
    expect((caught as PorterError).details).toEqual({ reason: 'duplicate-column', column: 'a' });
  });
});
