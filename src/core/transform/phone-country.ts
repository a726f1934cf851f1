import type { PhoneSupport } from './phone-support';

/** Why a default phone country was chosen. Each code has a message in the catalogue. */
export type PhoneCountryReason =
  /** Most numbers read as valid national numbers of this country. */
  | 'numbers'
  /** Most numbers carry this country's calling code (+86, 0049 …). */
  | 'country-code'
  /** The numbers say nothing (none, or unreadable): the user's language decides. */
  | 'language';

export interface PhoneCountryGuess {
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly reason: PhoneCountryReason;
  /** Phone-like samples looked at. */
  readonly samples: number;
  /** How many of them speak for `country`. */
  readonly support: number;
}

/** Countries tried for numbers written without a country code, after the language's own. */
const CANDIDATES = ['US', 'CN', 'GB', 'DE', 'FR', 'CA', 'AU', 'IN', 'JP', 'KR', 'HK', 'TW', 'SG', 'NL', 'CH', 'AT', 'ES', 'IT', 'BR', 'MX'];
/** The country of a bare language tag; a tag with a region (`zh-CN`, `en-GB`) names its own. */
const LANGUAGE_COUNTRY: Readonly<Record<string, string>> = { en: 'US', zh: 'CN', de: 'DE', fr: 'FR', ja: 'JP', ko: 'KR', es: 'ES', it: 'IT', nl: 'NL', pt: 'BR' };
const SEPARATORS = /[\s().\-/]/g;
/** Samples looked at; more adds time (a library parse per sample and candidate), not certainty. */
const MAX_SAMPLES = 200;

/** The country a language tag points to: its region, else the language's main country. */
export function countryOfLanguage(language: string): string {
  const [lang = '', region] = language.split(/[-_]/);
  if (region !== undefined && /^[A-Za-z]{2}$/.test(region)) return region.toUpperCase();
  return LANGUAGE_COUNTRY[lang.toLowerCase()] ?? 'US';
}

/**
 * Infers the default country for phone numbers written without a country code, from the numbers
 * themselves: numbers with a calling code (`+86 …`, `0049 …`) vote for its region, every other
 * number votes for each candidate country under which libphonenumber finds it a valid national
 * number — its national patterns: mainland mobiles `1[3-9]x xxxx xxxx` for CN, a trunk `0` and
 * an area code for DE or GB. A number valid in two countries (`13105551234`: Los Angeles with a
 * trunk 1, or a Chinese mobile) votes for both, so the language's country, tried first, wins
 * ties; with no evidence at all it is the answer.
 *
 * @example
 * inferPhoneCountry(['13800138000', '139 1234 5678'], 'en', phones); // { country: 'CN', reason: 'numbers', samples: 2, support: 2 }
 */
export function inferPhoneCountry(samples: readonly (string | null)[], language: string, phones: PhoneSupport): PhoneCountryGuess {
  const home = countryOfLanguage(language);
  const byCode = new Map<string, number>();
  const national: string[] = [];
  let looked = 0;
  for (const raw of samples) {
    if (looked >= MAX_SAMPLES) break;
    const text = raw?.trim() ?? '';
    const compact = text.replace(SEPARATORS, '');
    if (!/^\+?\d{5,17}$/.test(compact)) continue;
    looked++;
    const international = compact.startsWith('+') ? compact : compact.startsWith('00') ? `+${compact.slice(2)}` : undefined;
    if (international !== undefined) {
      const region = phones.regionOf(international);
      if (region !== undefined) byCode.set(region, (byCode.get(region) ?? 0) + 1);
    } else national.push(compact);
  }
  const coded = [...byCode].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const candidates = [...new Set([home, ...coded, ...CANDIDATES])];
  let best = { country: home, score: 0, valid: 0 };
  for (const country of candidates) {
    let valid = 0;
    for (const n of national) {
      if (phones.check(n, country) === 'valid') valid++;
    }
    const score = valid + (byCode.get(country) ?? 0);
    // Strictly more: on a tie the earlier candidate (the language's country first) stays.
    if (score > best.score) best = { country, score, valid };
  }
  if (best.score === 0) return { country: home, reason: 'language', samples: looked, support: 0 };
  return { country: best.country, reason: best.valid > 0 ? 'numbers' : 'country-code', samples: looked, support: best.score };
}
