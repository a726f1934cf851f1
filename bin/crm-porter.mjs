#!/usr/bin/env node
// Runs the TypeScript sources of src/cli directly through tsx (a dependency), so a fresh clone
// needs only `npm install`: no build step, and the command is always the code in the tree.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const argv = process.argv.slice(2);
// With --max-memory the command runs again in a Node whose heap is capped (src/cli/relaunch.ts).
const { relaunch } = await import('../src/cli/relaunch.ts');
const code = await relaunch(fileURLToPath(import.meta.url), argv);
if (code !== null) process.exitCode = code;
else {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(argv);
}
