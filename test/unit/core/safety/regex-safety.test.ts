import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';

/**
 * No regular expression in core may backtrack super-linearly: core runs on cells from the user's
 * file, and a cell can be 100 KB of spaces. recheck (a ReDoS checker that finds exponential and
 * polynomial patterns, including the quadratic `\s+$` searched from every start position) checks
 * every regex literal and every `new RegExp('literal')` in src/core. A pattern built at run time
 * from data cannot be checked here; docs/limits.md says how those are kept linear.
 */
const CORE = join(import.meta.dirname, '..', '..', '..', '..', 'src', 'core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

interface Found {
  readonly where: string;
  readonly pattern: string;
  readonly flags: string;
}

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  visit(n);
  for (const key of Object.keys(n)) if (key !== 'parent') walk(n[key], visit);
}

function regexesIn(file: string): Found[] {
  const code = readFileSync(file, 'utf8');
  const ast = parseSync(file, code, { lang: 'ts' }).program;
  const found: Found[] = [];
  const where = (n: Record<string, unknown>): string =>
    `${relative(CORE, file)}:${code.slice(0, n['start'] as number).split('\n').length}`;
  walk(ast, (n) => {
    const regex = n['regex'] as { pattern: string; flags: string } | undefined;
    if (n['type'] === 'Literal' && regex) found.push({ where: where(n), ...regex });
    const callee = n['callee'] as Record<string, unknown> | undefined;
    if ((n['type'] === 'NewExpression' || n['type'] === 'CallExpression') && callee?.['name'] === 'RegExp') {
      const [source, flags] = n['arguments'] as Record<string, unknown>[];
      if (source?.['type'] === 'Literal' && typeof source['value'] === 'string') {
        const f = flags?.['type'] === 'Literal' && typeof flags['value'] === 'string' ? flags['value'] : '';
        found.push({ where: where(n), pattern: source['value'], flags: f });
      }
    }
  });
  return found;
}

const all = sourceFiles(CORE).flatMap(regexesIn);

describe('regular expressions in src/core', () => {
  it('are found (the scan sees the literals it should check)', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((r) => r.where.startsWith(join('read', 'xml-scan.ts')))).toBe(true);
  });

  it('have no super-linear backtracking (recheck)', async () => {
    // recheck's own native binary when installed (recheck-linux-x64), else its JS build.
    // Every limit is a count, none a time: recheck's time limits turn a slow check into
    // `unknown` (the URL pattern in value-rules.ts took 10–14 s of fuzzing, so a 10 s limit
    // failed whenever the machine was busy). With them off, the same pattern and seed give the
    // same answer on any machine, at any load. One at a time, so checks never compete.
    const countsOnly = {
      randomSeed: 1,
      timeout: null,
      attackTimeout: null,
      incubationTimeout: null,
      recallTimeout: null,
      seedingTimeout: null,
    };
    const results = [];
    for (const r of all) results.push({ ...r, result: await check(r.pattern, r.flags, countsOnly) });
    const unsafe = results
      .filter((r) => r.result.status !== 'safe')
      .map((r) => {
        const result = r.result;
        const why =
          result.status === 'vulnerable'
            ? result.complexity.summary
            : result.status === 'unknown'
              ? `unknown (${result.error.kind})`
              : 'safe';
        return `${r.where} /${r.pattern}/${r.flags}: ${why}`;
      });
    expect(unsafe).toEqual([]);
  }, 300_000);
});
