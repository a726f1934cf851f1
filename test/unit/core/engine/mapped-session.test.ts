import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { MAX_TEXT_BYTES, MAX_XLSX_BYTES } from '../../../../src/core/engine/limits';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import { PorterError } from '../../../../src/core/model/porter-error';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import type { CrmObject } from '../../../../src/core/schema/schema-types';
import { HangingBlob } from '../../../support/hanging-blob';

// The engine round trips of the Validate & fix step: error report out and back in, export
// with the invalid-rows policy, and typed JSON of mapped fields. DatasetEngine, real CSV bytes.

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const map = (column: number, field: string): ColumnMapping => ({ column, field, transforms: [], origin: 'unmapped' });
const describeProblem = (field: string, rule: string, reason: string): string => `${field}:${rule}${reason ? `:${reason}` : ''}`;

const CSV = ['ID,Email,Phone,Notes', '001,ada@example.com,+14155552671,ok', '002,bad-email,+14155552672,=1+2', '003,eve@example.com,12,-5', '004,bob@example.com,+14155552673,'].join('\n');
const PLAN: MappingPlan = { object: CONTACT_OBJECT, defaultCountry: 'US', columns: [map(0, 'external_id'), map(1, 'email'), map(2, 'phone'), map(3, 'notes')] };

async function mapped(csv = CSV, plan = PLAN): Promise<DatasetEngine> {
  const engine = new DatasetEngine();
  await engine.open(utf8(csv), 'contacts.csv');
  await engine.applyMapping(plan);
  return engine;
}

// ignoreBOM: keep the BOM in the text, so tests see the bytes as written.
const text = async (blob: Blob): Promise<string> => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('error report', () => {
  it('writes the rows with problems: _row, mapped values (formula-guarded), one problem column per field', async () => {
    const engine = await mapped();
    const report = await text((await engine.errorReport(describeProblem)).blob);
    expect(report).toBe(
      [
        '\uFEFF_row,external_id,email,phone,notes,external_id problem,email problem,phone problem,notes problem',
        "3,002,bad-email,+14155552672,'=1+2,,email:format:email-invalid,,",
        '4,003,eve@example.com,12,-5,,,phone:format:phone-invalid,',
        '',
      ].join('\r\n'),
    );
  });

  it('merges an edited report back as one undoable edit, unguarding values and counting unknown rows', async () => {
    const engine = await mapped();
    const report = await text((await engine.errorReport(describeProblem)).blob);
    const edited = report
      .replace('bad-email', 'carol@example.com')
      .replace("'=1+2", "'=2+3")
      .replace(',12,-5,', ",+14155552674,'-6,")
      .concat("99,999,x@example.com,,,,,,\r\n");
    const merged = await engine.mergeErrorReport(utf8(edited));
    expect(merged.op.changes).toEqual([
      { row: 1, field: 'email', value: 'carol@example.com' },
      { row: 1, field: 'notes', value: '=2+3' },
      { row: 2, field: 'phone', value: '+14155552674' },
      // The guard never prefixes a plain number, so a `'` before one was typed: it stays.
      { row: 2, field: 'notes', value: "'-6" },
    ]);
    expect([merged.rows, merged.unknownRows]).toEqual([3, 1]);
    expect([merged.summary.errors, merged.summary.rowsWithErrors, merged.summary.canUndo]).toEqual([0, 0, true]);
    const after = engine.mappedWindow(0, 10, 'all').rows.map((r) => r.values);
    expect(after[1]).toEqual(['002', 'carol@example.com', '+14155552672', '=2+3']);
    expect(after[2]).toEqual(['003', 'eve@example.com', '+14155552674', "'-6"]);
    const undone = engine.undo();
    expect([undone.errors, undone.canUndo]).toEqual([2, false]);
    expect(engine.mappedWindow(0, 10, 'all').rows[2]?.values).toEqual(['003', 'eve@example.com', '12', '-5']);
  });

  it('refuses a report file over its format\'s limit from its size, before reading it', async () => {
    const engine = await mapped();
    // A workbook (a zip, named .xlsx) one byte over the workbook limit; only its first bytes are read.
    let reads = 0;
    const file = new (class extends File {
      override get size(): number {
        return MAX_XLSX_BYTES + 1;
      }
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        reads++;
        return super.stream();
      }
    })([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])], 'errors.xlsx');
    const err = await rejection(engine.mergeErrorReport(file));
    expect(err).toMatchObject({ code: 'file-too-large', details: { size: MAX_XLSX_BYTES + 1, limit: MAX_XLSX_BYTES, why: 'workbook' } });
    expect(reads).toBe(0);
    expect(engine.mappedSummary().canUndo).toBe(false);
    // A CSV report is read as one text: the one-text limit, and a message that says how to merge it.
    const csv = new (class extends File {
      override get size(): number {
        return MAX_TEXT_BYTES + 1;
      }
    })(['_row,email\r\n'], 'errors.csv');
    expect(await rejection(engine.mergeErrorReport(csv))).toMatchObject({ code: 'file-too-large', details: { limit: MAX_TEXT_BYTES, why: 'report' } });
    expect(await rejection(engine.mergeErrorReport(new File([], 'errors.csv')))).toMatchObject({ code: 'file-empty' });
  });

  it('Cancel ends a merge whose read hangs, at once, and nothing is changed', async () => {
    const engine = await mapped();
    const report = `_row,email\r\n${Array.from({ length: 5_000 }, () => '3,carol@example.com').join('\r\n')}\r\n`;
    const blob = new HangingBlob([report], 20_000);
    const stop = new AbortController();
    const merge = rejection(engine.mergeErrorReport(blob, { signal: stop.signal }));
    await blob.record.firstHang;
    stop.abort();
    expect(await merge).toMatchObject({ name: 'AbortError' });
    expect(blob.cancelled).toBe(true);
    expect([engine.mappedSummary().canUndo, engine.mappedSummary().errors]).toEqual([false, 2]);
  });

  it('a merge cancelled after its read, while the report is parsed, changes nothing either', async () => {
    const engine = await mapped();
    const stop = new AbortController();
    // Aborted as the read ends: the parse and the match see it, and no edit is made.
    const csv = '_row,email\r\n3,carol@example.com\r\n';
    const file = new (class extends File {
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        const inner = super.stream().getReader();
        return new ReadableStream({
          pull: async (controller) => {
            const r = await inner.read();
            if (r.done) {
              stop.abort();
              return controller.close();
            }
            controller.enqueue(r.value);
          },
        });
      }
    })([csv], 'errors.csv');
    expect(await rejection(engine.mergeErrorReport(file, { signal: stop.signal }))).toMatchObject({ name: 'AbortError' });
    expect(engine.mappedSummary().canUndo).toBe(false);
    expect(engine.mappedWindow(0, 10, 'all').rows[1]?.values[1]).toBe('bad-email');
    // Not cancelled, the same file merges.
    expect((await engine.mergeErrorReport(new File([csv], 'errors.csv'))).op.changes).toEqual([{ row: 1, field: 'email', value: 'carol@example.com' }]);
  });

  it('rejects a report without the _row column', async () => {
    const engine = await mapped();
    const err = await rejection(engine.mergeErrorReport(utf8('row,email\r\n3,carol@example.com\r\n')));
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe('report-invalid');
    expect(engine.mappedSummary().canUndo).toBe(false);
  });
});

describe('exportAll with an invalid-rows policy', () => {
  const request = { format: 'csv', options: { delimiter: ',', quoting: 'minimal', newline: '\n', bom: false, formulaGuard: false } } as const;

  it('block: throws export-blocked with the number of rows with errors', async () => {
    const engine = await mapped();
    const err = await rejection(engine.exportAll(request, {}, 'block'));
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe('export-blocked');
    expect((err as PorterError).details.rows).toBe(2);
  });

  it('skip: leaves out the rows with errors and says how many', async () => {
    const engine = await mapped();
    const result = await engine.exportAll(request, {}, 'skip');
    expect(result.skipped).toBe(2);
    expect(await text(result.blob)).toBe('external_id,email,phone,notes\n001,ada@example.com,+14155552671,ok\n004,bob@example.com,+14155552673,\n');
  });

  it('include: writes every live row; deleted rows are never written', async () => {
    const engine = await mapped();
    await engine.edit({ kind: 'delete-rows', rows: [0] });
    const result = await engine.exportAll(request, {}, 'include');
    expect(result.skipped).toBe(0);
    expect(await text(result.blob)).toBe(
      'external_id,email,phone,notes\n002,bad-email,+14155552672,=1+2\n003,eve@example.com,12,-5\n004,bob@example.com,+14155552673,\n',
    );
    // Block once the errors are fixed.
    await engine.edit({ kind: 'set-many', changes: [{ row: 1, field: 'email', value: 'c@example.com' }, { row: 2, field: 'phone', value: '+14155552674' }] });
    expect((await engine.exportAll(request, {}, 'block')).size).toBe(result.size - 'bad-email12'.length + 'c@example.com+14155552674'.length);
  });
});

describe('typed JSON export of mapped fields', () => {
  const OBJECT: CrmObject = {
    key: 'lead',
    label: { en: 'Lead', 'zh-CN': '线索' },
    fields: [
      { key: 'name', label: { en: 'Name', 'zh-CN': '名称' }, type: 'text', synonyms: [] },
      { key: 'amount', label: { en: 'Amount', 'zh-CN': '金额' }, type: 'currency', synonyms: [] },
      { key: 'seats', label: { en: 'Seats', 'zh-CN': '席位' }, type: 'number', synonyms: [] },
      { key: 'active', label: { en: 'Active', 'zh-CN': '有效' }, type: 'boolean', synonyms: [] },
      { key: 'code', label: { en: 'Code', 'zh-CN': '代码' }, type: 'text', synonyms: [] },
    ],
  };
  const csv = ['Name,Amount,Seats,Active,Code', 'A,1234.56,007,true,10', 'B,,12,false,007', 'C,-0.5e3,x,yes,'].join('\n');
  const plan: MappingPlan = { object: OBJECT, defaultCountry: 'US', columns: [map(0, 'name'), map(1, 'amount'), map(2, 'seats'), map(3, 'active'), map(4, 'code')] };

  it('JSON: numbers and booleans only where the text is one; text fields stay strings', async () => {
    const engine = await mapped(csv, plan);
    const result = await engine.exportAll({ format: 'json', options: { style: 'compact' } }, {}, 'include');
    expect(await text(result.blob)).toBe(
      '[{"name":"A","amount":1234.56,"seats":"007","active":true,"code":"10"},' +
        '{"name":"B","amount":null,"seats":12,"active":false,"code":"007"},' +
        '{"name":"C","amount":-0.5e3,"seats":"x","active":"yes","code":""}]\n',
    );
  });

  it('NDJSON: typed the same way', async () => {
    const engine = await mapped(csv, plan);
    const result = await engine.exportAll({ format: 'ndjson' }, {}, 'include');
    expect(await text(result.blob)).toBe(
      '{"name":"A","amount":1234.56,"seats":"007","active":true,"code":"10"}\n' +
        '{"name":"B","amount":null,"seats":12,"active":false,"code":"007"}\n' +
        '{"name":"C","amount":-0.5e3,"seats":"x","active":"yes","code":""}\n',
    );
  });
});
