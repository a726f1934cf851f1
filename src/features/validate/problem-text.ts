import type { FieldSummary } from '../../core/engine/mapped-workspace';
import type { CellProblem, ValueProblem } from '../../core/validate/validate-types';
import {
  isMessageKey,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '../../i18n/translate';

type T = (key: MessageKey, params?: MessageParams) => string;

/** The catalogue text of one problem: its exact reason when known, else its rule. */
export function describeProblem(t: T, problem: ValueProblem): string {
  const params = problem.params ?? {};
  const reasonKey = `validate.reason.${String(params['reason'] ?? '')}`;
  const ruleKey = `validate.rule.${problem.rule}`;
  const base = isMessageKey(reasonKey)
    ? t(reasonKey, params)
    : isMessageKey(ruleKey)
      ? t(ruleKey, params)
      : problem.rule;
  const suggestion = params['suggestion'];
  return suggestion === undefined
    ? base
    : t('validate.problem.suggestion', { message: base, suggestion: String(suggestion) });
}

/** "Error: …" / "Warning: …", so the level is said in words, not only shown in colour. */
export function describeLevel(t: T, problem: ValueProblem): string {
  const message = describeProblem(t, problem);
  return problem.level === 'error'
    ? t('validate.problem.error', { message })
    : t('validate.problem.warning', { message });
}

/**
 * The problem table's caption for screen readers: its title and how to use it, two sentences
 * joined as the language joins them ('. ' in English, '。' in Chinese).
 */
export function summaryCaption(t: T): string {
  return t('validate.summary.caption', { table: t('validate.summary.table'), hint: t('validate.summary.filterHint') });
}

export function describeNote(t: T, code: string): string {
  const key = `validate.note.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** The problems of one field in a row, errors first. */
export function problemsOf(
  problems: readonly CellProblem[] | undefined,
  field: string,
): ValueProblem[] {
  if (problems === undefined) return [];
  const mine = problems.filter((p) => p.field === field).map((p) => p.problem);
  return mine.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
}

export function fieldLabel(field: FieldSummary, locale: Locale): string {
  return field.label[locale] || field.key;
}

