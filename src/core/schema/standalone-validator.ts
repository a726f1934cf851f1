import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';

/**
 * Source of an ES module exporting one precompiled Ajv validator per schema. Ajv compiles a
 * schema with `new Function`, which the page's Content-Security-Policy (`script-src 'self'`,
 * no `'unsafe-eval'`) forbids, so validators are generated ahead of time and checked in; a
 * unit test regenerates them and fails when the checked-in file is stale. Dev-time only: the
 * app never imports this module.
 *
 * @example
 * const code = generateValidatorModule({ validateThing: { type: 'object' } });
 * code.includes('export const validateThing'); // true
 */
export function generateValidatorModule(schemas: Readonly<Record<string, object>>): string {
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    discriminator: true,
    strict: true,
    allErrors: false,
  });
  const refs: Record<string, string> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    ajv.addSchema(schema, name);
    refs[name] = name;
  }
  const code = standaloneCode(ajv, refs);
  if (code.includes('require(')) {
    throw new Error(
      'generated validator needs the Ajv runtime; avoid maxLength/uniqueItems/format',
    );
  }
  return code;
}
