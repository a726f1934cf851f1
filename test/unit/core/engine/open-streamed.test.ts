import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { NonAsciiBytes } from '../../../../src/core/engine/non-ascii';
import { unreadableFile } from '../../../../src/core/model/porter-error';
import { contactsToCsv, iterateContacts } from '../../../support/fake-crm';
import { propertyConfig } from '../../../support/seeded';

/**
 * Opening a File larger than what detection reads streams it (read-source.ts, `openSource`):
 * the same summary and table as opening the same bytes at hand, and the non-ASCII answer
 * (`NonAsciiBytes`, fed slice by slice) the same as the byte rule on the whole file.
 */

/** The byte rule as sourceHasNonAscii applied it to a whole file before it was streamed. */
function wholeFileRule(bytes: Uint8Array, encoding: string): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const le = encoding === 'utf-16le';
    const bom = (le && bytes[0] === 0xff && bytes[1] === 0xfe) || (!le && bytes[0] === 0xfe && bytes[1] === 0xff);
    for (let i = bom ? 2 : 0; i + 1 < bytes.length; i += 2) {
      const unit = le ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8) : ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
      if (unit >= 0x80) return true;
    }
    return false;
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  for (let i = bom ? 3 : 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

describe('NonAsciiBytes ≡ the whole-file byte rule', () => {
  it('for any bytes, encoding and cuts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.constantFrom(0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x80, 0x00)), { maxLength: 40 }),
        fc.constantFrom('utf-8', 'windows-1252', 'utf-16le', 'utf-16be', 'gb18030'),
        fc.array(fc.nat(), { maxLength: 5 }),
        (list, encoding, cuts) => {
          const bytes = new Uint8Array(list);
          const scan = new NonAsciiBytes(encoding, bytes);
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          let from = 0;
          for (const c of [...at, bytes.length]) {
            scan.push(bytes.subarray(from, c));
            from = c;
          }
          expect(scan.found).toBe(wholeFileRule(bytes, encoding));
        },
      ),
      propertyConfig({ numRuns: 2000 }),
    );
  });
});

function encode(text: string, encoding: string): Uint8Array<ArrayBuffer> {
  if (encoding === 'utf-16le') {
    const out = new Uint8Array(2 + text.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) out.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + 2 * i);
    return out;
  }
  return new TextEncoder().encode(text);
}

/** Every row as the page sees it, with its source row. */
function rowsOf(engine: DatasetEngine, count: number) {
  const { version: _version, ...window } = engine.window(0, count);
  return window;
}

/** Only ASCII: other characters become '?'. */
const asciiOnly = (text: string): string => Array.from(text, (c) => (c.charCodeAt(0) < 0x80 ? c : '?')).join('');

describe('open: a File streamed ≡ its bytes at hand', () => {
  const cases: [string, string, string, boolean][] = [
    ['UTF-8 with accented and Chinese names', 'utf-8', contactsToCsv(iterateContacts(9_000, 3)), true],
    ['ASCII only', 'utf-8', asciiOnly(contactsToCsv(iterateContacts(11_000, 4, { internationalRate: 0 }))), false],
    ['UTF-16LE with a BOM, semicolons', 'utf-16le', contactsToCsv(iterateContacts(5_000, 5)).replaceAll(',', ';'), true],
  ];
  it.each(cases)('%s', async (_name, encoding, text, nonAscii) => {
    const bytes = encode(text, encoding);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const streamed = new DatasetEngine();
    const atHand = new DatasetEngine();
    const { durationMs: _a, ...a } = await streamed.open(new Blob([bytes.slice()]), 'contacts.csv');
    const { durationMs: _b, ...b } = await atHand.open(bytes, 'contacts.csv');
    expect(a).toEqual(b);
    expect(a.settings.encoding).toBe(encoding);
    expect(a.nonAscii).toBe(nonAscii);
    expect(a.rowCount).toBeGreaterThan(4_000);
    expect(rowsOf(streamed, a.rowCount)).toEqual(rowsOf(atHand, b.rowCount));
    // Read again with a setting changed: from the File kept, streamed again.
    const patch = { dialect: { ...a.settings.dialect, header: 'none' as const } };
    const { durationMs: _c, version: _v1, ...c } = await streamed.configure(patch);
    const { durationMs: _d, version: _v2, ...d } = await atHand.configure(patch);
    expect(c).toEqual(d);
    expect(c.rowCount).toBe(a.rowCount + 1);
    expect(rowsOf(streamed, a.rowCount)).toEqual(rowsOf(atHand, b.rowCount));
  });
});

/**
 * A File changed, moved or deleted after it was chosen: the browser's stream fails partway with
 * NotReadableError. The open rejects with that error (not a half-read table), and the worker
 * turns it into the catalogue's `file-unreadable` (porter-error.ts, `unreadableFile`).
 */
class ChangedOnDisk extends Blob {
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const whole = super.stream().getReader();
    let given = 0;
    return new ReadableStream({
      async pull(controller) {
        if (given >= 1.5 * 1024 * 1024) {
          controller.error(new DOMException('The file changed.', 'NotReadableError'));
          return;
        }
        const r = await whole.read();
        if (r.done) controller.close();
        else {
          given += r.value.length;
          controller.enqueue(r.value);
        }
      },
    });
  }
}

describe('open: a File that fails partway', () => {
  it('rejects with an error the worker reports as file-unreadable', async () => {
    const bytes = encode(contactsToCsv(iterateContacts(30_000, 6)), 'utf-8');
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    const engine = new DatasetEngine();
    const failure = await engine.open(new ChangedOnDisk([bytes]), 'contacts.csv').then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).not.toBeNull();
    expect(unreadableFile(failure)?.code).toBe('file-unreadable');
    expect(unreadableFile(new Error('other'))).toBeNull();
  });
});
