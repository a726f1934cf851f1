/** The first problem Ajv reports, reduced to what an error message needs. */
export interface AjvProblem {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** Set by Ajv on errors raised inside `propertyNames`: the offending name. */
  readonly propertyName?: string;
}

/**
 * A JSON path (`$.properties.email.type`, `$.templates[2].name`) from a JSON Pointer, the
 * form Ajv reports (RFC 6901: `~1` is `/`, `~0` is `~`). Segments that are not plain names are
 * quoted, so `$["first name"]` is unambiguous.
 *
 * @example
 * jsonPathFromPointer('/templates/2/mapping/E~1Mail'); // '$.templates[2].mapping["E/Mail"]'
 */
export function jsonPathFromPointer(pointer: string): string {
  if (pointer === '') return '$';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  return jsonPath(segments);
}

/**
 * A JSON path from path segments; numbers are array indices.
 *
 * @example
 * jsonPath(['properties', 'email', 'x-crm-porter']); // '$.properties.email.x-crm-porter'
 */
export function jsonPath(segments: readonly (string | number)[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number' || /^(0|[1-9]\d*)$/.test(s)) out += `[${s}]`;
    else if (/^[\p{L}_$][\p{L}\p{N}_$-]*$/u.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/**
 * Where and why, from Ajv's first error: the path points at the offending value (for a missing
 * property, at the property that is missing; for a bad property name, at that name).
 *
 * @example
 * describeAjvProblem({ instancePath: '/a', keyword: 'required', params: { missingProperty: 'b' } });
 * // { path: '$.a.b', reason: 'required' }
 */
export function describeAjvProblem(problem: AjvProblem): { path: string; reason: string } {
  let pointer = problem.instancePath;
  const params = problem.params ?? {};
  // Point at the property itself: the missing or unexpected one, or a discriminator's tag.
  const extra =
    problem.propertyName ??
    params['missingProperty'] ??
    params['propertyName'] ??
    params['additionalProperty'] ??
    params['tag'];
  if (typeof extra === 'string') pointer += `/${extra.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const reason =
    problem.message === undefined ? problem.keyword : `${problem.keyword}: ${problem.message}`;
  return { path: jsonPathFromPointer(pointer), reason };
}
