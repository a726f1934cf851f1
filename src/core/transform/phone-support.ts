import { PorterError } from '../model/porter-error';

/**
 * Phone numbers through libphonenumber-js 'max' metadata, loaded lazily.
 *
 * Measured (rolldown, minified): 'max' is 195 KB / 50 KB gzip, 'min' 121 KB / 29 KB gzip. 'min'
 * only checks lengths, so it cannot tell "possible" from "valid", which the validation levels
 * need; 'max' is loaded with `import()` into its own chunk, only when a phone field is mapped.
 *
 * Speed: `parsePhoneNumberFromString` costs ~12 µs a value and `new PhoneNumber(e164)` ~4.5 µs
 * in Node 20, i.e. 4.5–12 s per million phones. Values already in E.164 (what the phone
 * transform produces) take a fast path instead: the library's own per-region patterns,
 * compiled once per calling code, which gives the same answer as `isValid()`/`isPossible()`
 * (checked by a differential test) in well under a microsecond. Only "valid" is decided on the fast path; the rest (rare in clean
 * data) goes through the library, cached by value.
 */

type PhoneModule = typeof import('libphonenumber-js/max');

export type PhoneCheck = 'valid' | 'possible' | 'invalid';

export interface PhoneSupport {
  /** E.164 for a number written in any common way, with `country` for national numbers. */
  toE164(value: string, country: string): { e164: string; ext?: string } | undefined;
  /** Valid, merely possible (right length, unknown range), or invalid. */
  check(value: string, defaultCountry?: string): PhoneCheck;
}

/** Shapes used from libphonenumber-js internals that its .d.ts does not declare. */
interface InternalPlan {
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
  readonly types: readonly { readonly re: RegExp; readonly lengths: readonly number[] | undefined }[];
}
interface CallingCodeRule {
  readonly regions: readonly RegionRule[];
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
    regions.push({ leading: leading ? new RegExp(`^(?:${leading})`) : undefined, general: new RegExp(`^(?:${plan.nationalNumberPattern()})$`), types });
  }
  return regions.length === 0 ? undefined : { regions };
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

function createPhoneSupport(lib: PhoneModule): PhoneSupport {
  const meta = new lib.Metadata() as unknown as InternalMetadata;
  const internalsOk =
    typeof meta.hasCallingCode === 'function' && typeof meta.getCountryCodesForCallingCode === 'function' && typeof meta.isNonGeographicCallingCode === 'function';
  const rules = new Map<string, CallingCodeRule | undefined>();
  const slowCache = new Map<string, PhoneCheck>();

  function ruleFor(cc: string): CallingCodeRule | undefined {
    if (!rules.has(cc)) rules.set(cc, compileCallingCode(meta, cc));
    return rules.get(cc);
  }

  function checkE164Fast(value: string): PhoneCheck | undefined {
    for (let len = 1; len <= 3; len++) {
      const cc = value.slice(1, 1 + len);
      if (!meta.hasCallingCode(cc)) continue;
      const rule = ruleFor(cc);
      if (rule === undefined) return undefined;
      const national = value.slice(1 + len);
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
      // Only "valid" is decided here. Anything else goes to the library, which also strips a
      // national prefix written after the country code (+7 8…, +1 1…) before its length checks:
      // rare in clean data, and exact.
      return matchesRegion(chosen, national) ? 'valid' : undefined;
    }
    return undefined;
  }

  function checkSlow(value: string, defaultCountry: string | undefined): PhoneCheck {
    const country = defaultCountry !== undefined && lib.isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
    const p = lib.parsePhoneNumberFromString(value, country);
    if (p === undefined) return 'invalid';
    return p.isValid() ? 'valid' : p.isPossible() ? 'possible' : 'invalid';
  }

  return {
    toE164(value, country) {
      const text = value.trim();
      if (E164.test(text)) return { e164: text };
      const cc = lib.isSupportedCountry(country) ? country : undefined;
      const p = lib.parsePhoneNumberFromString(text, cc);
      if (p === undefined || !p.isPossible()) return undefined;
      return p.ext === undefined ? { e164: p.number } : { e164: p.number, ext: p.ext };
    },
    check(value, defaultCountry) {
      if (internalsOk && E164.test(value)) {
        const fast = checkE164Fast(value);
        if (fast !== undefined) return fast;
      }
      const key = `${defaultCountry ?? ''}|${value}`;
      let result = slowCache.get(key);
      if (result === undefined) {
        result = checkSlow(value, defaultCountry);
        // Bounded: a million distinct bad values must not grow the cache without end.
        if (slowCache.size >= 100_000) slowCache.clear();
        slowCache.set(key, result);
      }
      return result;
    },
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
