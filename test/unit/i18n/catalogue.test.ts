import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enAll as en } from '../../../src/i18n/en-all';
import { en as pageEn } from '../../../src/i18n/en';
import { messageParams, translate } from '../../../src/i18n/translate';
import { zhCN } from '../../../src/i18n/zh-cn';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every string literal in a `reason: …` of a detector: the guesses the UI must explain. */
function reasonCodes(): string[] {
  const codes = new Set<string>();
  for (const file of sourceFiles(join(SRC, 'core', 'detect'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/reason:\s*([^,}\n]+)/g)) {
      for (const lit of (m[1] ?? '').matchAll(/'([a-z0-9-]+)'/g)) codes.add(lit[1] ?? '');
    }
  }
  return [...codes].sort();
}


/** Members of a string-literal union type declared in a core file. */
function unionMembers(file: string, typeName: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const start = text.indexOf(`export type ${typeName} =`);
  const body = text.slice(start, text.indexOf(';', start));
  return [...body.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1] ?? '');
}

describe('message catalogues', () => {
  it('give the page every English message it names: the command line\'s are not in its first load', () => {
    // The page's English leaves out the command's own messages (i18n/en.ts); one named by page
    // code would be missing on screen. Every key only the command has is looked for in the
    // page's sources as a quoted literal ('export.job.save' was one, used by Export).
    const commandOnly = Object.keys(en).filter((k) => !Object.hasOwn(pageEn, k));
    expect(commandOnly.length).toBeGreaterThan(50);
    const page = sourceFiles(SRC).filter((f) => !/[\\/](cli|i18n)[\\/]/.test(f));
    const named = page.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return commandOnly.filter((k) => text.includes(`'${k}'`) || text.includes(`"${k}"`)).map((k) => `${k} in ${file}`);
    });
    expect(named).toEqual([]);
    expect(page.filter((f) => /[`'"]cli\./.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('have the same keys in English and Chinese, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(zhCN)) expect(value, key).not.toBe('');
  });

  it('keep the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(messageParams(zhCN[key]), key).toEqual(messageParams(en[key]));
    }
  });

  it('explain every detection reason core can give', () => {
    const codes = reasonCodes();
    expect(codes.length).toBeGreaterThan(20);
    const missing = codes.filter((c) => !Object.hasOwn(en, `reason.${c}`));
    expect(missing).toEqual([]);
  });

  it('have a message for every issue code and every error code', () => {
    const issues = unionMembers('core/model/issue.ts', 'ParseIssueCode');
    const errors = unionMembers('core/model/porter-error.ts', 'PorterErrorCode');
    expect(issues.length).toBeGreaterThan(5);
    expect(errors.length).toBeGreaterThan(10);
    expect(issues.filter((c) => !Object.hasOwn(en, `issue.${c}`))).toEqual([]);
    expect(errors.filter((c) => !Object.hasOwn(en, `error.${c}`))).toEqual([]);
  });

  it('fill placeholders and format numbers for the locale', () => {
    expect(translate('en', 'preview.jump', { row: 1204 })).toBe('Go to row 1,204');
    expect(translate('zh-CN', 'preview.jump', { row: 1204 })).toBe('转到第 1,204 行');
    // A missing parameter stays visible instead of vanishing.
    expect(translate('en', 'preview.jump')).toBe('Go to row {row}');
  });
});
