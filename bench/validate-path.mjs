// Validate at the whole path's scale in Node: the same generated file as bench/whole-path.mjs
// (clean or messy), read with DatasetEngine.open, the suggested mapping built as the Map step
// builds it, then applyMapping timed by phase (transforms, validation) and the calls the page
// makes right after (summary, first window, duplicate groups). Figures only.
//
// `node bench/validate-path.mjs [--rows=N] [--kinds=clean,messy] [--runs=N]`; add `--cpu-prof`
// to node for a CPU profile. 1M rows: run under the machine's bench lock.
import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { writeFiles } from './whole-path.mjs';

const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

export async function runValidatePath({ root, sizes, kinds = ['clean', 'messy'], runs = 2 }) {
  const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
  const load = (path) => vite.ssrLoadModule(path);
  const dir = mkdtempSync(join(tmpdir(), 'crm-porter-validate-path-'));
  try {
    const fake = await load('/test/support/fake-crm.ts');
    const { DatasetEngine } = await load('/src/core/engine/dataset-engine.ts');
    const { CONTACT_OBJECT } = await load('/src/core/schema/contact-object.ts');
    const { adviceFor, withPhoneCountry } = await load('/src/core/mapping/transform-advice.ts');
    for (const n of sizes) {
      for (const kind of kinds) {
        const files = await writeFiles(fake, dir, kind, n);
        try {
          const engine = new DatasetEngine();
          await engine.open(await openAsBlob(files.path), 'contacts.csv');
          const proposal = await engine.proposeMapping(CONTACT_OBJECT, 'en');
          const country = proposal.phoneCountry.country;
          const columns = proposal.suggestions.map((s) => {
            const field = s.apply ? s.field : null;
            const transforms = [...(adviceFor(proposal.advice[s.column], field)?.applied ?? [])];
            return { column: s.column, field, transforms: withPhoneCountry(transforms, country, country), origin: 'unmapped' };
          });
          console.log(`\nValidate (Node, DatasetEngine.applyMapping): ${kind}, ${label(n)} rows`);
          console.log(`  plan: ${columns.filter((c) => c.field).map((c) => `${c.field}${c.transforms.length ? `[${c.transforms.map((t) => t.kind ?? t.type ?? JSON.stringify(t)).join(',')}]` : ''}`).join(' ')}`);
          for (let i = 0; i < runs; i++) {
            globalThis.gc?.();
            let validateAt = null;
            const t0 = performance.now();
            const cpu0 = process.cpuUsage();
            const summary = await engine.applyMapping({ object: CONTACT_OBJECT, columns, defaultCountry: country }, {
              onProgress: (p) => {
                if (p.phase === 'validate' && validateAt === null) validateAt = performance.now();
              },
            });
            const t1 = performance.now();
            const cpu = process.cpuUsage(cpu0);
            const after = [];
            for (const [name, call] of Object.entries(afterCalls(engine))) {
              const s = performance.now();
              await call();
              after.push(`${name} ${(performance.now() - s).toFixed(0)} ms`);
            }
            console.log(`  run ${i + 1}: cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, map ${((validateAt ?? t1) - t0).toFixed(0)} ms, validate ${(t1 - (validateAt ?? t1)).toFixed(0)} ms; then ${after.join(', ')}; ${summary.errors} errors, ${summary.warnings} warnings`);
          }
        } finally {
          rmSync(files.path, { force: true });
          rmSync(files.basePath, { force: true });
        }
      }
    }
  } finally {
    await vite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the Validate step asks for once the mapping is applied. */
function afterCalls(engine) {
  return {
    window: () => engine.mappedWindow(0, 100, 'all'),
    duplicates: () => (engine.duplicateGroups ? engine.duplicateGroups(0, 10, 5) : engine.duplicates(50)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const arg = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const sizes = [Number(arg('rows') ?? 100_000)];
  const kinds = arg('kinds')?.split(',');
  await runValidatePath({ root: resolve(dirname(fileURLToPath(import.meta.url)), '..'), sizes, kinds, runs: Number(arg('runs') ?? 2) });
  process.exit(0);
}
