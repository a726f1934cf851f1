import type { ValueProblem } from './validate-types';

/**
 * A pragmatic subset of RFC 5322 (https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1):
 * dot-atom local part (no quoted strings, no comments), a domain of LDH labels with at least
 * one dot and a letter TLD. Length limits from RFC 5321 §4.5.3.1. A label is written as a letter
 * or digit then (dashes, letter or digit) repeated, which no input can make backtrack; its
 * 63-character limit is checked after the pattern ({@link labelsFit}).
 */
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:-*[A-Za-z0-9])*\.)+[A-Za-z]{2,63}$/;
/** Internationalised addresses (RFC 6531): accepted with a warning, some CRMs refuse them. */
const EMAIL_UNICODE = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:-*[\p{L}\p{N}])*\.)+[\p{L}]{2,63}$/u;

/** Domains people mistype, and what they meant. Checked with one regex, no allocation. */
export const TYPO_DOMAINS: Readonly<Record<string, string>> = {
  'gmial.com': 'gmail.com', 'gmai.com': 'gmail.com', 'gamil.com': 'gmail.com', 'gnail.com': 'gmail.com',
  'gmaill.com': 'gmail.com', 'gmail.co': 'gmail.com', 'gmail.cm': 'gmail.com', 'gmail.con': 'gmail.com',
  'hotmial.com': 'hotmail.com', 'hotmai.com': 'hotmail.com', 'hotmal.com': 'hotmail.com', 'hotmail.co': 'hotmail.com',
  'yahooo.com': 'yahoo.com', 'yaho.com': 'yahoo.com', 'yahoo.co': 'yahoo.com',
  'outlok.com': 'outlook.com', 'outloo.com': 'outlook.com', 'outlook.co': 'outlook.com',
  'qq.co': 'qq.com', '163.co': '163.com', '126.co': '126.com',
};
/** The top-level domains people mistype for `.com`. */
export const TYPO_TLDS: readonly string[] = ['con', 'cmo', 'comm', 'ocm', 'vom'];
const TYPO = new RegExp(`@(?:${Object.keys(TYPO_DOMAINS).map((d) => d.replace(/\./g, '\\.')).join('|')})$|\\.(?:${TYPO_TLDS.join('|')})$`, 'i');

const INVALID: readonly ValueProblem[] = Object.freeze([Object.freeze({ rule: 'format', level: 'error', params: Object.freeze({ reason: 'email-invalid' }) } as const)]);
const NON_ASCII: readonly ValueProblem[] = Object.freeze([Object.freeze({ rule: 'format', level: 'warning', params: Object.freeze({ reason: 'email-non-ascii' }) } as const)]);

function typoSuggestion(value: string): string {
  const at = value.lastIndexOf('@');
  const domain = value.slice(at + 1).toLowerCase();
  const fixed = TYPO_DOMAINS[domain] ?? domain.replace(/\.(?:con|cmo|comm|ocm|vom)$/, '.com');
  return `${value.slice(0, at + 1)}${fixed}`;
}

/** Every domain label is at most 63 characters (RFC 1035 §2.3.4). */
function labelsFit(value: string): boolean {
  let run = 0;
  for (let i = value.lastIndexOf('@') + 1; i < value.length; i++) {
    run = value.charCodeAt(i) === 0x2e ? 0 : run + 1;
    if (run > 63) return false;
  }
  return true;
}

/** Problems with an e-mail address, or `undefined` when it is fine (the common case: no allocation). */
export function checkEmail(value: string): readonly ValueProblem[] | undefined {
  if (value.length > 254 || !labelsFit(value)) return INVALID;
  if (!EMAIL.test(value)) return EMAIL_UNICODE.test(value) ? NON_ASCII : INVALID;
  if (value.indexOf('@') > 64) return INVALID;
  if (TYPO.test(value)) {
    return [{ rule: 'format', level: 'warning', params: { reason: 'email-domain-typo', suggestion: typoSuggestion(value) } }];
  }
  return undefined;
}
