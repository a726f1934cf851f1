// Summaries of a V8 CPU profile (the `Profiler.stop` answer of the DevTools protocol).

const nameOf = (f) => `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;

/**
 * The `top` functions by self time and by total time (self and callees, each function counted
 * once per sample however deep it recurses), one line each; idle and program apart.
 */
export function profileLines(cpu, top) {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of cpu.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  let busy = 0;
  for (let i = 0; i < cpu.samples.length; i++) {
    const ms = (cpu.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(cpu.samples[i]);
    const name = nameOf(leaf.callFrame);
    if (name.startsWith('(idle)') || name.startsWith('(program)')) continue;
    busy += ms;
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const n = nameOf(byId.get(id).callFrame);
      if (seen.has(n)) continue;
      seen.add(n);
      total.set(n, (total.get(n) ?? 0) + ms);
    }
  }
  const lines = (m) =>
    [...m]
      .filter(([name]) => !name.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `    ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  return [`  busy ${busy.toFixed(0)} ms; by self time:`, ...lines(self), '  by total time:', ...lines(total)];
}
