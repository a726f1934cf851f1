#!/usr/bin/env node
// Runs the TypeScript sources of src/cli directly through tsx (a dependency), so a fresh clone
// needs only `npm install`: no build step, and the command is always the code in the tree.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
