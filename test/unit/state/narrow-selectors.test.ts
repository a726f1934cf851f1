import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A component subscribes to the fields it shows, never to the whole store: with `useStore()` a
 * progress tick re-renders the shell and the current step. Progress bars select their own fields
 * (docs/architecture.md, "State"). Comments are stripped first, so prose may name the pattern.
 */
const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

/** Whole-store subscriptions: `useStore()` with nothing between the brackets. */
function wholeStoreUses(text: string): number {
  return (withoutComments(text).match(/\buseStore\s*\(\s*\)/g) ?? []).length;
}

describe('narrow store selectors', () => {
  it('recognises a whole-store subscription and lets a selector pass', () => {
    expect(wholeStoreUses('const s = useStore();')).toBe(1);
    expect(wholeStoreUses('const { a } = useStore(\n  );')).toBe(1);
    expect(wholeStoreUses('const a = useStore((s) => s.a); // not useStore()')).toBe(0);
    expect(wholeStoreUses('const x = usePick("a");')).toBe(0);
  });

  it('no file under src subscribes to the whole store', () => {
    const offenders = sources(SRC)
      .filter((f) => wholeStoreUses(readFileSync(f, 'utf8')) > 0)
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
