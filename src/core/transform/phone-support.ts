import { PorterError } from '../model/porter-error';

/**
 * Phone numbers through libphonenumber-js 'max' metadata, loaded lazily.
 *
 * Measured (rolldown, minified): 'max' is 195 KB / 50 KB gzip, 'min' 121 KB / 29 KB gzip. 'min'
 * only checks lengths, so it cannot tell "possible" from "valid", which the validation levels
 * need; 'max' is loaded with `import()` into its own chunk, only when a phone field is mapped.
 *
 * Speed: `parsePhoneNumberFromString` costs ~12 µs a value and `new PhoneNumber(e164)` ~4.5 µs
 * in Node 20, i.e. 4.5–12 s per million phones. Two fast paths use the library's own metadata,
 * compiled once per calling code and country, and give the library's exact answer (checked by
 * differential tests, test/unit/core/transform/phone-fast-path.test.ts) in well under a
 * microsecond:
 * - `check()` of an E.164 value: valid / possible / invalid from the region patterns and
 *   possible lengths; the region of a shared code (+1: ~25 regions) by leading digits.
 * - `toE164()` of digits with spaces, dashes, dots and parentheses, with or without '+'.
 * Whatever they cannot decide exactly (letters, extensions, an international or national prefix
 * the library would strip) goes to the library; `check()` caches those by value.
 */

type PhoneModule = typeof import('libphonenumber-js/max');

export type PhoneCheck = 'valid' | 'possible' | 'invalid';

export interface PhoneSupport {
  /** E.164 for a number written in any common way, with `country` for national numbers. */
  toE164(value: string, country: string): { e164: string; ext?: string } | undefined;
  /** Valid, merely possible (right length, unknown range), or invalid. */
  check(value: string, defaultCountry?: string): PhoneCheck;
  /** The region (ISO 3166 alpha-2) of a number written with its country code, if known. */
  regionOf(international: string): string | undefined;
}

/** Shapes used from libphonenumber-js internals that its .d.ts does not declare. */
interface InternalPlan {
  callingCode(): string;
  IDDPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalNumberPattern(): string;
  leadingDigits(): string | undefined;
  possibleLengths(): number[] | undefined;
  type(t: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface InternalMetadata {
  hasCallingCode(cc: string): boolean;
  isNonGeographicCallingCode(cc: string): boolean;
  getCountryCodesForCallingCode(cc: string): string[] | undefined;
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan: InternalPlan | undefined;
}

const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
const E164 = /^\+[1-9]\d{4,14}$/;

interface RegionRule {
  /** Numbers starting with these digits belong to this region (e.g. +358 18 → Åland). */
  readonly leading: RegExp | undefined;
  readonly general: RegExp;
  /** Possible national lengths (libphonenumber's checkNumberLength); `undefined`: any. */
  readonly possible: readonly number[] | undefined;
  readonly types: readonly { readonly re: RegExp; readonly lengths: readonly number[] | undefined }[];
}
interface CallingCodeRule {
  readonly regions: readonly RegionRule[];
  /**
   * The main country's national prefix for parsing (+1 → '1', +49 → '0'). When a national
   * number starts with it, libphonenumber may strip it, so those go to the library.
   */
  readonly prefix: RegExp | undefined;
}
/** What a national number written for one default country needs checked before the fast path. */
interface CountryRule {
  readonly callingCode: string;
  readonly idd: RegExp | undefined;
  readonly prefix: RegExp | undefined;
  readonly possible: readonly number[] | undefined;
}

function compileCallingCode(meta: InternalMetadata, cc: string): CallingCodeRule | undefined {
  if (meta.isNonGeographicCallingCode(cc)) return undefined;
  const regions: RegionRule[] = [];
  for (const country of meta.getCountryCodesForCallingCode(cc) ?? []) {
    meta.selectNumberingPlan(country);
    const plan = meta.numberingPlan;
    if (plan === undefined) return undefined;
    const types: RegionRule['types'][number][] = [];
    for (const t of TYPES) {
      const def = plan.type(t);
      const pattern = def?.pattern();
      if (def === undefined || !pattern) continue;
      types.push({ re: new RegExp(`^(?:${pattern})$`), lengths: def.possibleLengths() });
    }
    const leading = plan.leadingDigits();
    regions.push({
      leading: leading ? new RegExp(`^(?:${leading})`) : undefined,
      general: new RegExp(`^(?:${plan.nationalNumberPattern()})$`),
      possible: plan.possibleLengths(),
      types,
    });
  }
  if (regions.length === 0) return undefined;
  // The numbering plan libphonenumber selects by calling code: the main country's.
  meta.selectNumberingPlan(cc);
  const prefix = meta.numberingPlan?.nationalPrefixForParsing();
  return { regions, prefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined };
}

function compileCountry(meta: InternalMetadata, country: string): CountryRule | undefined {
  meta.selectNumberingPlan(country);
  const plan = meta.numberingPlan;
  if (plan === undefined) return undefined;
  const idd = plan.IDDPrefix();
  const prefix = plan.nationalPrefixForParsing();
  return {
    callingCode: plan.callingCode(),
    idd: idd ? new RegExp(`^(?:${idd})`) : undefined,
    prefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
    possible: plan.possibleLengths(),
  };
}

/** libphonenumber's checkNumberLength(...) === 'IS_POSSIBLE'. */
function possibleLength(lengths: readonly number[] | undefined, length: number): boolean {
  return lengths === undefined || lengths.length === 0 || lengths.includes(length);
}

const PUNCTUATION = /[ ().-]+/g;
const PLAIN = /^\+?\d+$/;

/** Only digits, spaces and the punctuation people put in phone numbers; '+' only first. */
function plainDigits(text: string): { plus: boolean; digits: string } | undefined {
  const compact = text.replace(PUNCTUATION, '');
  if (!PLAIN.test(compact)) return undefined;
  const plus = compact.charCodeAt(0) === 43;
  // '(+1) 415…' and the like: the library decides where the number starts.
  if (plus && text.charCodeAt(0) !== 43) return undefined;
  return { plus, digits: plus ? compact.slice(1) : compact };
}

/** libphonenumber's getNumberType() !== undefined, or the general pattern for regions without types. */
function matchesRegion(region: RegionRule, national: string): boolean {
  if (!region.general.test(national)) return false;
  if (region.types.length === 0) return true;
  for (const type of region.types) {
    if (type.lengths !== undefined && !type.lengths.includes(national.length)) continue;
    if (type.re.test(national)) return true;
  }
  return false;
}

/** The verdicts of both paths, for differential tests: fast (undefined = not decided) and library. */
export interface PhoneInternals extends PhoneSupport {
  checkFast(e164: string): PhoneCheck | undefined;
  checkLibrary(value: string, defaultCountry?: string): PhoneCheck;
  toE164Fast(value: string, country: string): { e164: string } | undefined | 'library';
  toE164Library(value: string, country: string): { e164: string; ext?: string } | undefined;
}

/** Distinct values kept in each cache; cleared when full (a million distinct bad values must not grow it without end). */
const CACHE_LIMIT = 100_000;

export function createPhoneSupport(lib: PhoneModule): PhoneInternals {
  const meta = new lib.Metadata() as unknown as InternalMetadata;
  const internalsOk =
    typeof meta.hasCallingCode === 'function' &&
    typeof meta.getCountryCodesForCallingCode === 'function' &&
    typeof meta.isNonGeographicCallingCode === 'function' &&
    typeof meta.selectNumberingPlan === 'function';
  const rules = new Map<string, CallingCodeRule | undefined>();
  const countries = new Map<string, CountryRule | undefined>();
  const slowCache = new Map<string, PhoneCheck>();

  function ruleFor(cc: string): CallingCodeRule | undefined {
    let rule = rules.get(cc);
    if (rule === undefined && !rules.has(cc)) rules.set(cc, (rule = compileCallingCode(meta, cc)));
    return rule;
  }

  function countryFor(country: string): CountryRule | undefined {
    let rule = countries.get(country);
    if (rule === undefined && !countries.has(country)) {
      countries.set(country, (rule = lib.isSupportedCountry(country) ? compileCountry(meta, country) : undefined));
    }
    return rule;
  }

  /**
   * The library's verdict for an E.164 string without parsing it, or `undefined` when only the
   * library can tell (non-geographic codes, a national prefix after the country code).
   * `region` is the region libphonenumber would assign (its getCountryByNationalNumber).
   */
  function analyzeE164(value: string): { verdict: PhoneCheck; region: RegionRule } | undefined {
    for (let len = 1; len <= 3; len++) {
      const cc = value.slice(1, 1 + len);
      if (!meta.hasCallingCode(cc)) continue;
      const rule = ruleFor(cc);
      if (rule === undefined) return undefined;
      const national = value.slice(1 + len);
      // libphonenumber may strip a national prefix written after the country code (+7 8…,
      // +1 1…, +44 0…) before its checks: exact only through the library.
      if (rule.prefix !== undefined && rule.prefix.test(national)) return undefined;
      // The region is chosen the way libphonenumber does (getCountryByNationalNumber): the first
      // whose leading digits match, else the first whose patterns match, else the main one.
      let chosen: RegionRule | undefined;
      for (const region of rule.regions) {
        if (region.leading !== undefined ? region.leading.test(national) : region.types.length > 0 && matchesRegion(region, national)) {
          chosen = region;
          break;
        }
      }
      // The main country (listed first) when no region claims the number.
      chosen ??= rule.regions[0] as RegionRule;
      if (matchesRegion(chosen, national)) return { verdict: 'valid', region: chosen };
      // isPossible(): the length rules of the assigned region.
      return { verdict: possibleLength(chosen.possible, national.length) ? 'possible' : 'invalid', region: chosen };
    }
    return undefined;
  }

  function checkFast(value: string): PhoneCheck | undefined {
    return internalsOk && E164.test(value) ? analyzeE164(value)?.verdict : undefined;
  }

  function checkLibrary(value: string, defaultCountry: string | undefined): PhoneCheck {
    const country = defaultCountry !== undefined && lib.isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
    const p = lib.parsePhoneNumberFromString(value, country);
    if (p === undefined) return 'invalid';
    return p.isValid() ? 'valid' : p.isPossible() ? 'possible' : 'invalid';
  }

  function toE164Library(text: string, country: string): { e164: string; ext?: string } | undefined {
    const cc = lib.isSupportedCountry(country) ? country : undefined;
    const p = lib.parsePhoneNumberFromString(text, cc);
    if (p === undefined || !p.isPossible()) return undefined;
    return p.ext === undefined ? { e164: p.number } : { e164: p.number, ext: p.ext };
  }

  /**
   * E.164 for the common shapes ('(415) 555-2671', '+49 30 1234567', '415.555.2671') without
   * the parser; 'library' when the text needs it (letters, extensions, an international or
   * national prefix, a country code written without '+').
   */
  function toE164Fast(text: string, country: string): { e164: string } | undefined | 'library' {
    if (!internalsOk) return 'library';
    const plain = plainDigits(text);
    if (plain === undefined) return 'library';
    let e164: string;
    let home: CountryRule | undefined;
    if (plain.plus) e164 = `+${plain.digits}`;
    else {
      home = countryFor(country);
      if (home === undefined) return 'library';
      const { digits } = plain;
      if (home.idd?.test(digits) || home.prefix?.test(digits) || digits.startsWith(home.callingCode)) return 'library';
      e164 = `+${home.callingCode}${digits}`;
    }
    if (!E164.test(e164)) return 'library';
    const a = analyzeE164(e164);
    if (a === undefined) return 'library';
    const possible = a.verdict !== 'invalid';
    // A national number is judged by the default country's lengths when the library keeps that
    // country; when they could differ, the library decides.
    if (home !== undefined && possibleLength(home.possible, e164.length - 1 - home.callingCode.length) !== possible) return 'library';
    return possible ? { e164 } : undefined;
  }

  return {
    toE164(value, country) {
      const text = value.trim();
      if (E164.test(text)) return { e164: text };
      const fast = toE164Fast(text, country);
      return fast === 'library' ? toE164Library(text, country) : fast;
    },
    check(value, defaultCountry) {
      const fast = checkFast(value);
      if (fast !== undefined) return fast;
      const key = `${defaultCountry ?? ''}|${value}`;
      let result = slowCache.get(key);
      if (result === undefined) {
        result = checkLibrary(value, defaultCountry);
        if (slowCache.size >= CACHE_LIMIT) slowCache.clear();
        slowCache.set(key, result);
      }
      return result;
    },
    regionOf(international) {
      const p = lib.parsePhoneNumberFromString(international);
      if (p === undefined) return undefined;
      // A number outside every region's ranges (+1 191 …) still names its calling code: its
      // main country (listed first by the metadata) is the region it speaks for.
      return p.country ?? (internalsOk ? meta.getCountryCodesForCallingCode(p.countryCallingCode)?.[0] : undefined);
    },
    checkFast,
    checkLibrary,
    toE164Fast,
    toE164Library,
  };
}

let support: PhoneSupport | undefined;
let loading: Promise<PhoneSupport> | undefined;

/**
 * Loads the phone library (a separate chunk) once; later calls return the same promise.
 *
 * @example
 * const phones = await loadPhoneSupport();
 * phones.toE164('030 1234567', 'DE'); // { e164: '+49301234567' }
 */
export function loadPhoneSupport(): Promise<PhoneSupport> {
  loading ??= import('libphonenumber-js/max').then((lib) => {
    support = createPhoneSupport(lib);
    return support;
  });
  return loading;
}

/** The loaded phone support; throws if {@link loadPhoneSupport} has not finished. */
export function getPhoneSupport(): PhoneSupport {
  if (support === undefined) {
    throw new PorterError('internal', { reason: 'phone-support-not-loaded' });
  }
  return support;
}
