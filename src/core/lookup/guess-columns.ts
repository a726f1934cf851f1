import { prepareFields, prepareHeader, scoreName } from '../mapping/field-scoring';
import { COMPANY_OBJECT } from '../schema/company-object';

/** Below this a header does not name the field (a fuzzy look-alike at best). */
const MIN_SCORE = 0.5;

/**
 * The columns of an accounts file to match names against and to fill from, guessed from their
 * headers with the Company object's names and synonyms in every language it has (`Account Name`,
 * `公司名称`, `Firma`; `Id`, `客户编号`, `Kundennummer`), never one column for both. Without a
 * header that names one, the first column is matched and the next one filled: the user sees
 * both and can change them.
 *
 * @example
 * guessLookupColumns(['客户编号', '公司名称', '网站']); // { lookupColumn: '公司名称', valueColumn: '客户编号' }
 */
export function guessLookupColumns(columns: readonly string[]): { lookupColumn: string; valueColumn: string } {
  const fields = prepareFields(COMPANY_OBJECT);
  const best = (key: string, skip: string | undefined): string | undefined => {
    const field = fields.find((f) => f.field.key === key);
    if (field === undefined) return undefined;
    let found: string | undefined;
    let top = MIN_SCORE;
    for (const c of columns) {
      if (c === skip) continue;
      const score = scoreName(prepareHeader(c), field)?.confidence ?? 0;
      if (score > top) {
        top = score;
        found = c;
      }
    }
    return found;
  };
  const lookupColumn = best('name', undefined) ?? columns[0] ?? '';
  const valueColumn = best('external_id', lookupColumn) ?? columns.find((c) => c !== lookupColumn) ?? lookupColumn;
  return { lookupColumn, valueColumn };
}
