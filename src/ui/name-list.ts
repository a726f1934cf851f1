/**
 * Names shown in one line of text: the first `max`, then how many more there are (of `total`,
 * when the caller made names only for the first `max` of a long list). A saved
 * template's note on Map lists the headers a file adds or lacks, and a 10,000-column file would
 * make that one line of thousands of names. `separator` is the language's own (`list.separator`
 * in the catalogues: a comma in English, 、 in Chinese).
 *
 * @example
 * nameList(['a', 'b', 'c'], 2, (n) => `and ${n} more`); // 'a, b and 1 more'
 */
export function nameList(
  names: readonly string[],
  max: number,
  more: (count: number) => string,
  total = names.length,
  separator = ', ',
): string {
  const shown = names.slice(0, max).join(separator);
  return total > max ? `${shown} ${more(total - max)}` : shown;
}
