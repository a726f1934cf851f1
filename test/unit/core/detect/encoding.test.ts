import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding, SUPPORTED_ENCODINGS } from '../../../../src/core/detect/encoding';
import { PorterError } from '../../../../src/core/model/porter-error';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/csv/encoding/${name}`, import.meta.url)));

describe('detectEncoding on fixture files', () => {
  it.each([
    ['ascii.csv', 'utf-8', 'ascii', 'Ada Lovelace'],
    ['utf-8.csv', 'utf-8', 'strict-utf8', 'Jürgen Müller'],
    ['utf-8-bom.csv', 'utf-8', 'bom', '张伟,北京'],
    ['utf-16le-bom.csv', 'utf-16le', 'bom', 'Zoë Ærø'],
    ['utf-16be-bom.csv', 'utf-16be', 'bom', 'Ærøskøbing'],
    ['gb18030.csv', 'gb18030', 'statistical', '姓名,手机,邮箱,公司名称'],
    ['big5.csv', 'big5', 'statistical', '台灣積體電路製造股份有限公司'],
    ['shift_jis.csv', 'shift_jis', 'statistical', '株式会社サンプル'],
    ['euc-kr.csv', 'euc-kr', 'statistical', '서울특별시 강남구'],
    ['windows-1252.csv', 'windows-1252', 'statistical', 'Größter Auftrag: 5.000 €'],
    ['windows-1251.csv', 'windows-1251', 'statistical', 'Санкт-Петербург'],
    ['iso-8859-2.csv', 'iso-8859-2', 'statistical', 'Łódź'],
  ])('%s → %s (%s)', (file, label, reason, expectedText) => {
    const bytes = fixture(file);
    const guess = detectEncoding(bytes);
    expect(guess.value).toBe(label);
    expect(guess.reason).toBe(reason);
    const [low, high] = reason === 'statistical' ? [0.3, 0.99] : [0.9, 1];
    expect(guess.confidence).toBeGreaterThan(low);
    expect(guess.confidence).toBeLessThanOrEqual(high);
    const decoded = decodeBytes(bytes, guess.value);
    expect(decoded.text).toContain(expectedText);
    expect(decoded.replacements).toBe(0);
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('tells GB18030 Chinese from Windows-1252 German when only a few bytes differ', () => {
    const gb = fixture('gb18030.csv').subarray(0, 60);
    const de = fixture('windows-1252.csv').subarray(0, 80);
    expect(detectEncoding(gb).value).toBe('gb18030');
    expect(detectEncoding(de).value).toBe('windows-1252');
  });

  it('does not fail on a multi-byte character cut at the end of the sample', () => {
    const bytes = new TextEncoder().encode('name\nMüller\n张伟');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).value).toBe('utf-8');
  });

  it('reads UTF-8 with a stray byte or two as UTF-8, not as a legacy encoding that garbles every accent', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},Jürgen Müller,Düsseldorf`).join('\n');
    const utf8 = new TextEncoder().encode(`id,name,city\n${rows}\n`);
    // One value pasted from a Windows program: "5 €" in windows-1252 (0x80) on the last line.
    const bytes = new Uint8Array([...utf8, ...new TextEncoder().encode('301,Price 5 '), 0x80, 0x0a]);
    const guess = detectEncoding(bytes);
    expect([guess.value, guess.reason, guess.params]).toEqual(['utf-8', 'mostly-utf8', { invalid: 1 }]);
    const decoded = decodeBytes(bytes, guess.value);
    expect(decoded.text).toContain('299,Jürgen Müller,Düsseldorf');
    expect(decoded.replacements).toBe(1);
    // A real Windows-1252 file (every accent one byte) is still Windows-1252.
    expect(detectEncoding(fixture('windows-1252.csv')).value).toBe('windows-1252');
  });

  it('recognises BOM-less UTF-16 by its zero bytes', () => {
    const text = 'id,name\n1,Ada\n2,Alan\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[i * 2] = text.charCodeAt(i);
    le[1] = 0;
    // one non-ASCII char keeps it off the ASCII fast path
    le[le.length - 2] = 0xe9;
    expect(detectEncoding(le).value).toBe('utf-16le');
  });
});

const decodeUnknownLabel = () => decodeBytes(new Uint8Array([0x41]), 'klingon-8');

describe('decodeBytes', () => {
  it('strips a UTF-8 BOM and reports it', () => {
    expect(decodeBytes(fixture('utf-8-bom.csv'), 'utf-8')).toMatchObject({ bom: true, replacements: 0 });
    expect(decodeBytes(fixture('utf-8.csv'), 'utf-8').bom).toBe(false);
  });

  it('strips UTF-16 BOMs', () => {
    const le = decodeBytes(fixture('utf-16le-bom.csv'), 'utf-16le');
    expect(le.bom).toBe(true);
    expect(le.text.startsWith('id,name')).toBe(true);
  });

  it('counts replacement characters when the encoding is wrong', () => {
    const wrong = decodeBytes(fixture('windows-1252.csv'), 'utf-8');
    // ä ö ü ß € … each become U+FFFD: the UI warns the encoding is probably wrong.
    expect(wrong.replacements).toBeGreaterThan(10);
  });

  it('decodes Windows-1252 0x80–0x9F per WHATWG (€, –), even where Node decodes Latin-1', () => {
    const { text } = decodeBytes(Uint8Array.from([0x80, 0x20, 0x96, 0x20, 0x84, 0x93]), 'windows-1252');
    expect(text).toBe('€ – „“');
    expect(decodeBytes(Uint8Array.from([0x80]), 'latin1').text).toBe('€');
  });

  it('throws decode-failed for an unknown label', () => {
    expect(decodeUnknownLabel).toThrow(PorterError);
    expect(decodeUnknownLabel).toThrow(expect.objectContaining({ code: 'decode-failed', details: { encoding: 'klingon-8' } }));
  });

  it('offers only labels that TextDecoder accepts, once each', () => {
    const labels = SUPPORTED_ENCODINGS.map((e) => e.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(() => new TextDecoder(label)).not.toThrow();
    expect(labels).toEqual(expect.arrayContaining(['utf-8', 'gb18030', 'big5', 'shift_jis', 'windows-1252']));
  });
});
