import { PorterError } from '../model/porter-error';
import { describeAjvProblem, jsonPath, type AjvProblem } from '../schema/json-path';
import type { MappingTemplate } from './mapping-types';
import { TEMPLATES_FORMAT } from './template-meta';
import { validateTemplates } from './template-validator.generated';

type Validator = ((data: unknown) => boolean) & { errors?: readonly AjvProblem[] | null };

/**
 * Templates as a JSON file a colleague can import: `{ format, version, templates }`.
 *
 * @example
 * exportTemplates([template]); // '{\n  "format": "crm-porter/mapping-templates", …'
 */
export function exportTemplates(list: readonly MappingTemplate[]): string {
  return `${JSON.stringify({ format: TEMPLATES_FORMAT, version: 1, templates: list }, null, 2)}\n`;
}

/**
 * Reads templates written by {@link exportTemplates}. Throws
 * `PorterError('template-invalid', { path, reason })` at the first problem: bad JSON
 * (`path: '$'`, with the SyntaxError as `cause`), a shape the meta-schema refuses, a duplicate
 * id, a mapping for a header not in `columns`, or a `join` naming a column that does not exist.
 *
 * @example
 * importTemplates(exportTemplates([template])); // deep-equals [template]
 */
export function importTemplates(text: string): MappingTemplate[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PorterError('template-invalid', { path: '$', reason: 'not JSON' }, { cause: err });
  }
  const validate = validateTemplates as Validator;
  if (!validate(json)) {
    const first = validate.errors?.[0];
    throw invalid(
      first === undefined ? { path: '$', reason: 'invalid' } : describeAjvProblem(first),
    );
  }
  const templates = (json as { templates: MappingTemplate[] }).templates;
  const ids = new Set<string>();
  templates.forEach((t, i) => {
    if (ids.has(t.id))
      throw invalid({ path: jsonPath(['templates', i, 'id']), reason: `duplicate id "${t.id}"` });
    ids.add(t.id);
    checkTemplate(t, i);
  });
  return templates;
}

function checkTemplate(t: MappingTemplate, i: number): void {
  const headers = new Set(t.columns);
  for (const [header, m] of Object.entries(t.mapping)) {
    const at = ['templates', i, 'mapping', header];
    if (!headers.has(header))
      throw invalid({ path: jsonPath(at), reason: 'header not in columns' });
    m.transforms.forEach((x, k) => {
      if (x.kind !== 'join') return;
      const bad = x.columns.findIndex((c) => c >= t.columns.length);
      if (bad >= 0) {
        throw invalid({
          path: jsonPath([...at, 'transforms', k, 'columns', bad]),
          reason: 'no such column',
        });
      }
    });
  }
}

function invalid(details: { path: string; reason: string }): PorterError {
  return new PorterError('template-invalid', details);
}
