import * as fc from 'fast-check';
import { enAll } from '../../src/i18n/en-all';
import { loadLocale, setEnglishMessages } from '../../src/i18n/translate';
import { propertyConfig } from './seeded';

// Vitest setup file. A property written without `propertyConfig()` still runs with this file
// run's seed and prints how to replay it (see seeded.ts). Parameters passed to fc.assert win.
fc.configureGlobal(propertyConfig());

// Every language's messages, as the page and the command load them before their first message;
// English with the command line's own, as the command adds them (cli/text.ts). That the page
// never asks for those is checked on its own (test/unit/i18n/catalogue.test.ts).
setEnglishMessages(enAll);
await loadLocale('zh-CN');
