import type { Table } from '../../src/core/model/table';

/**
 * The reference for a snapshot's rows layout (docs/architecture.md, "Commit"), by the library
 * way: `JSON.stringify` of the column names, then of each record's cells (`null` where one is
 * missing), a line each. What the commit's byte writer must write, byte for byte.
 */
export function snapshotRowsText(table: Table): string {
  const lines = [JSON.stringify(table.columns)];
  for (let r = 0; r < table.rowCount; r++) lines.push(JSON.stringify(table.columns.map((_, c) => table.cell(r, c))));
  return `${lines.join('\n')}\n`;
}

/** {@link snapshotRowsText} as UTF-8. */
export function snapshotRowsBytes(table: Table): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(snapshotRowsText(table));
}

/**
 * A snapshot's records as objects (a missing cell has no member), from its text in either
 * layout: what a test compares with an NDJSON export of the same data.
 */
export function snapshotRecords(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l !== '');
  if (!text.startsWith('[')) return lines.map((l) => JSON.parse(l) as Record<string, string>);
  const [head = '[]', ...rows] = lines;
  const names = JSON.parse(head) as string[];
  return rows.map((l) => {
    const cells = JSON.parse(l) as (string | null)[];
    const record: Record<string, string> = {};
    names.forEach((name, c) => {
      const v = cells[c];
      if (v !== null && v !== undefined) record[name] = v;
    });
    return record;
  });
}

/** A snapshot's records as the NDJSON export writes them (an object a line, in column order). */
export function snapshotAsNdjson(text: string): string {
  return snapshotRecords(text)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join('');
}
