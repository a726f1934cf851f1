import * as fc from 'fast-check';
import { loadLocale } from '../../src/i18n/translate';
import { propertyConfig } from './seeded';

// Vitest setup file. A property written without `propertyConfig()` still runs with this file
// run's seed and prints how to replay it (see seeded.ts). Parameters passed to fc.assert win.
fc.configureGlobal(propertyConfig());

// Every language's messages, as the page and the command load them before their first message.
await loadLocale('zh-CN');
