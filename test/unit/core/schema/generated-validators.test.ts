import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_META } from '../../../../src/core/mapping/template-meta';
import { CRM_SCHEMA_META } from '../../../../src/core/schema/schema-meta';
import { generateValidatorModule } from '../../../../src/core/schema/standalone-validator';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

const HEADER = (source: string): string =>
  [
    '// @ts-nocheck',
    '/* eslint-disable */',
    `// Generated from ${source} by test/unit/core/schema/generated-validators.test.ts.`,
    '// Do not edit: run `UPDATE_VALIDATORS=1 npx vitest run test/unit/core/schema` instead.',
    '',
  ].join('\n');

const MODULES: { file: string; source: string; schemas: Record<string, object> }[] = [
  {
    file: 'src/core/schema/crm-schema-validator.generated.ts',
    source: 'CRM_SCHEMA_META (schema-meta.ts)',
    schemas: { validateCrmSchema: CRM_SCHEMA_META },
  },
  {
    file: 'src/core/mapping/template-validator.generated.ts',
    source: 'TEMPLATES_META (template-meta.ts)',
    schemas: { validateTemplates: TEMPLATES_META },
  },
];

async function render(m: (typeof MODULES)[number]): Promise<string> {
  const path = join(ROOT, m.file);
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(HEADER(m.source) + generateValidatorModule(m.schemas), {
    ...options,
    filepath: path,
  });
}

// Ajv compiles with `new Function`, which the page's CSP forbids, so the validators are
// generated ahead of time; this fails when a meta-schema changed and the file was not rebuilt.
describe('precompiled validators', () => {
  it.each(MODULES)('$file is up to date', async (m) => {
    const expected = await render(m);
    const path = join(ROOT, m.file);
    if (process.env['UPDATE_VALIDATORS'] === '1') writeFileSync(path, expected);
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });

  it.each(MODULES)('$file uses no eval and no Ajv runtime', (m) => {
    const text = readFileSync(join(ROOT, m.file), 'utf8');
    expect(text).not.toMatch(/\brequire\(|new Function|\beval\(/);
  });
});
