import type { ParseIssue } from '../model/issue';

export interface UniqueHeaders {
  readonly names: string[];
  readonly issues: ParseIssue[];
}

/**
 * Makes header names unique and non-empty, reporting each change. An empty header becomes
 * `column_N` (N = 1-based position); a repeated one gets `_2`, `_3`… appended, skipping any name
 * already taken. Names are kept as plain strings, so `__proto__` is harmless.
 *
 * @example
 * makeUniqueHeaders(['Email', '', 'Email']).names; // ['Email', 'column_2', 'Email_2']
 */
export function makeUniqueHeaders(raw: readonly string[], headerRow = 1): UniqueHeaders {
  const issues: ParseIssue[] = [];
  const taken = new Set<string>(raw.filter((h) => h.trim() !== ''));
  const used = new Set<string>();
  const names = raw.map((header, i) => {
    let name = header;
    if (header.trim() === '') {
      name = freeName(`column_${i + 1}`, taken, used);
      issues.push({
        code: 'empty-header',
        severity: 'warning',
        row: headerRow,
        column: name,
        params: { position: i + 1, name },
      });
    } else if (used.has(header)) {
      name = freeName(header, taken, used);
      issues.push({
        code: 'duplicate-header',
        severity: 'warning',
        row: headerRow,
        column: name,
        params: { position: i + 1, original: header, name },
      });
    }
    used.add(name);
    return name;
  });
  return { names, issues };
}

function freeName(base: string, taken: Set<string>, used: Set<string>): string {
  if (!taken.has(base) && !used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate) && !used.has(candidate)) return candidate;
  }
}
