/**
 * Whether two template names are the same to a person reading the list: equal once trimmed,
 * in Unicode normal form and case-folded (`Fair` and ` fair ` are one name).
 */
export function sameTemplateName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

const foldName = (name: string): string => name.trim().normalize('NFC').toLowerCase();
