import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Comments, lint messages and docs cite documents by path (`docs/design.md, "Hashing and the
 * diff"`). A citation of a document that is not in the repository points nowhere, so every
 * cited `docs/*.md` and every Markdown link between docs must exist (docs/style.md, "Files and
 * comments").
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = /\.(?:ts|tsx|mts|mjs|js)$/;

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : filesUnder(path, keep);
    return keep(e.name) ? [path] : [];
  });
}

const sources = [
  ...['src', 'test', 'e2e', 'bench', 'scripts'].flatMap((d) => filesUnder(join(ROOT, d), (n) => SOURCE.test(n))),
  join(ROOT, '.oxlintrc.json'),
  join(ROOT, 'knip.jsonc'),
  join(ROOT, 'README.md'),
];
const docs = filesUnder(join(ROOT, 'docs'), (n) => n.endsWith('.md'));

function citations(file: string, pattern: RegExp): { where: string; target: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(pattern)].map((m) => ({
    where: `${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`,
    target: m[1] as string,
  }));
}

describe('document citations', () => {
  it('name only docs that exist', () => {
    const cited = sources.flatMap((f) => citations(f, /\b(docs\/[\w-]+\.md)\b/g));
    expect(cited.length).toBeGreaterThan(10); // the scan sees the citations it should check
    const missing = cited.filter((c) => !existsSync(join(ROOT, c.target)));
    expect(missing).toEqual([]);
  });

  it('between docs link to docs that exist', () => {
    const links = docs.flatMap((f) =>
      citations(f, /\]\(([\w./-]+\.md)(?:#[\w-]*)?\)/g).map((c) => ({ ...c, target: join(dirname(f), c.target) })),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !existsSync(l.target))).toEqual([]);
  });

  it('never point at a design or style document outside the repository', () => {
    // Built from parts, so this file does not cite them itself.
    const outside = new RegExp(`\\b(${['DESIGN', 'STYLE'].map((n) => `${n}\\.md`).join('|')})\\b`, 'g');
    const found = [...sources, ...docs].flatMap((f) => citations(f, outside));
    expect(found).toEqual([]);
  });
});

describe('merge leftovers', () => {
  it('no source file or doc holds a conflict marker a merge left behind', () => {
    const leftovers = [...sources, ...docs].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          line.startsWith('<<<<<<< ') || line.startsWith('>>>>>>> ') ? [`${relative(ROOT, file)}:${i + 1}`] : [],
        ),
    );
    expect(leftovers).toEqual([]);
  });
});
