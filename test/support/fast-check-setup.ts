import * as fc from 'fast-check';
import { propertyConfig } from './seeded';

// Vitest setup file: a property written without `propertyConfig()` still runs with this file
// run's seed and prints how to replay it (see seeded.ts). Parameters passed to fc.assert win.
fc.configureGlobal(propertyConfig());
