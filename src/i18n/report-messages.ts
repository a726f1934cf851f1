import { enValidate } from './en-validate';
import { isMessageKey, type MessageKey, type MessageParams } from './translate';

/**
 * The texts the engine writes into the error report, in the caller's language: `reason.<code>`
 * and `rule.<rule>` for every code the catalogue knows (parameters are row-specific, so left
 * out). The Validate step and `crm-porter run` send the same map, so their reports agree.
 */
export function reportMessages(t: (key: MessageKey, params?: MessageParams) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(enValidate)) {
    const m = /^validate\.(reason|rule)\.(.+)$/.exec(key);
    if (m === null || !isMessageKey(key)) continue;
    // Rule texts with row-specific numbers have a shorter report wording.
    const short = `validate.report.rule.${m[2]}`;
    out[`${m[1]}.${m[2]}`] = t(m[1] === 'rule' && isMessageKey(short) ? short : key);
  }
  return out;
}
