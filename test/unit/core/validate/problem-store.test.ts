import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProblemStore, type UniqueRule } from '../../../../src/core/validate/problem-store';
import { emptyRuleCounts, type ValueProblem, type ValueRule } from '../../../../src/core/validate/validate-types';
import { propertyConfig } from '../../../support/seeded';

const FORMAT: ValueProblem = { rule: 'format', level: 'error', params: { reason: 'email-invalid' } };
const TYPO: ValueProblem = { rule: 'format', level: 'warning', params: { reason: 'email-domain-typo', suggestion: 'a@gmail.com' } };
const REQUIRED: ValueProblem = { rule: 'required', level: 'error' };
const LENGTH: ValueProblem = { rule: 'length', level: 'error', params: { max: 3, length: 5 } };
const PROBLEM_LISTS: readonly (readonly ValueProblem[] | undefined)[] = [undefined, [FORMAT], [TYPO], [REQUIRED], [LENGTH, FORMAT], [LENGTH, TYPO]];
const UNIQUE: readonly (UniqueRule | undefined)[] = [undefined, 'unique', 'duplicate-normalized'];

describe('ProblemStore', () => {
  it('interns codes by rules, levels and reasons, not by array or parameters', () => {
    const store = new ProblemStore(4, ['email', 'name']);
    const a = store.codeFor(0, [TYPO]);
    expect(store.codeFor(0, [{ ...TYPO, params: { reason: 'email-domain-typo', suggestion: 'b@gmail.com' } }])).toBe(a);
    expect(store.codeFor(0, [FORMAT])).not.toBe(a);
    expect(store.codeFor(0, undefined)).toBe(0);
    expect(store.codeFor(0, [])).toBe(0);
    // Codes are per field.
    expect(store.codeFor(1, [FORMAT])).toBe(1);
  });

  it('counts rows with problems and with errors, a warning-only row being a problem row only', () => {
    const store = new ProblemStore(5, ['email', 'id']);
    store.setValue(0, 0, store.codeFor(0, [TYPO]));
    store.setValue(1, 0, store.codeFor(0, [FORMAT]));
    store.setUnique(1, 1, 'unique');
    store.setUnique(2, 1, 'duplicate-normalized');
    expect(store.rowsWithProblems).toBe(3);
    expect(store.rowsWithErrors).toBe(1);
    expect(store.hasErrors(0)).toBe(false);
    expect(store.hasProblems(0)).toBe(true);
    expect(store.cellHas(1, 1, 'unique')).toBe(true);
    expect(store.cellHas(1, 1, 'format')).toBe(false);
    expect(store.cellHas(1, 0, 'format')).toBe(true);
    expect(store.cellHas(3, 0, '*')).toBe(false);
    expect(store.fieldCounts(0)).toEqual({ byRule: { ...emptyRuleCounts(), format: 2 }, errors: 1, warnings: 1 });
    expect(store.fieldCounts(1)).toEqual({ byRule: { ...emptyRuleCounts(), unique: 1, 'duplicate-normalized': 1 }, errors: 1, warnings: 1 });
    store.clearRow(1);
    expect(store.rowsWithProblems).toBe(2);
    expect(store.rowsWithErrors).toBe(0);
    expect(store.totals()).toEqual({ byRule: { ...emptyRuleCounts(), format: 1, 'duplicate-normalized': 1 }, errors: 0, warnings: 2 });
  });

  it('grows a field past 255 kinds of problems without losing a code', () => {
    const store = new ProblemStore(300, ['x']);
    const codes: number[] = [];
    for (let r = 0; r < 300; r++) {
      const code = store.codeFor(0, [{ rule: 'format', level: 'error', params: { reason: `reason-${r}` } }]);
      codes.push(code);
      store.setValue(r, 0, code);
    }
    expect(new Set(codes).size).toBe(300);
    for (let r = 0; r < 300; r++) expect(store.valueCode(r, 0)).toBe(codes[r]);
    expect(store.fieldCounts(0).errors).toBe(300);
    expect(store.rowsWithErrors).toBe(300);
  });

  it('any sequence of sets and clears keeps every count equal to a recount from scratch (property)', () => {
    const rows = 12;
    const fields = ['a', 'b', 'c'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('value' as const), row: fc.nat(rows - 1), field: fc.nat(fields.length - 1), list: fc.nat(PROBLEM_LISTS.length - 1) }),
      fc.record({ kind: fc.constant('unique' as const), row: fc.nat(rows - 1), field: fc.nat(fields.length - 1), list: fc.nat(UNIQUE.length - 1) }),
      fc.record({ kind: fc.constant('clear' as const), row: fc.nat(rows - 1), field: fc.constant(0), list: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const store = new ProblemStore(rows, fields);
        // The model: per cell its value problems and its uniqueness rule.
        const values = new Map<string, readonly ValueProblem[]>();
        const uniques = new Map<string, UniqueRule>();
        for (const o of ops) {
          const cell = `${o.row}:${o.field}`;
          if (o.kind === 'value') {
            const list = PROBLEM_LISTS[o.list];
            store.setValue(o.row, o.field, store.codeFor(o.field, list));
            if (list === undefined) values.delete(cell);
            else values.set(cell, list);
          } else if (o.kind === 'unique') {
            const rule = UNIQUE[o.list];
            store.setUnique(o.row, o.field, rule);
            if (rule === undefined) uniques.delete(cell);
            else uniques.set(cell, rule);
          } else {
            store.clearRow(o.row);
            for (let f = 0; f < fields.length; f++) {
              values.delete(`${o.row}:${f}`);
              uniques.delete(`${o.row}:${f}`);
            }
          }
        }
        let problemRows = 0;
        let errorRows = 0;
        for (let r = 0; r < rows; r++) {
          let problem = false;
          let error = false;
          for (let f = 0; f < fields.length; f++) {
            const v = values.get(`${r}:${f}`) ?? [];
            const u = uniques.get(`${r}:${f}`);
            if (v.length > 0 || u !== undefined) problem = true;
            if (v.some((p) => p.level === 'error') || u === 'unique') error = true;
          }
          if (problem) problemRows++;
          if (error) errorRows++;
          expect(store.hasProblems(r)).toBe(problem);
          expect(store.hasErrors(r)).toBe(error);
        }
        expect(store.rowsWithProblems).toBe(problemRows);
        expect(store.rowsWithErrors).toBe(errorRows);
        for (let f = 0; f < fields.length; f++) {
          const byRule = emptyRuleCounts();
          let errors = 0;
          let warnings = 0;
          for (let r = 0; r < rows; r++) {
            const list: { rule: ValueRule; level: string }[] = [...(values.get(`${r}:${f}`) ?? [])];
            const u = uniques.get(`${r}:${f}`);
            if (u !== undefined) list.push({ rule: u, level: u === 'unique' ? 'error' : 'warning' });
            for (const p of list) {
              byRule[p.rule]++;
              if (p.level === 'error') errors++;
              else warnings++;
            }
          }
          expect(store.fieldCounts(f)).toEqual({ byRule, errors, warnings });
        }
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});
