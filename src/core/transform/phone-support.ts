import { PorterError } from '../model/porter-error';
import { checkLength, isValidIn, PhonePlans, plainDigits, type InternalMetadata, type ReadPhone, type RegionRule } from './phone-plan';

/**
 * Phone numbers through libphonenumber-js 'max' metadata, loaded lazily.
 *
 * Measured (rolldown, minified): 'max' is 195 KB / 50 KB gzip, 'min' 121 KB / 29 KB gzip. 'min'
 * only checks lengths, so it cannot tell "possible" from "valid", which the validation levels
 * need; 'max' is loaded with `import()` into its own chunk, only when a phone field is mapped.
 *
 * Speed: `parsePhoneNumberFromString` costs ~12 µs a value and `new PhoneNumber(e164)` ~4.5 µs
 * in Node 20, i.e. 4.5–12 s per million phones. `check()` and `toE164()` of text in the
 * common shapes (digits with spaces, dashes, dots and parentheses, with or without '+', national
 * or international, a national prefix or a country code written without '+') go through the
 * hand-written reading in phone-plan.ts, compiled once per region from the library's own
 * metadata, in well under a microsecond and with the library's exact answer (differential
 * tests: test/unit/core/transform/phone-fast-path.test.ts). Whatever it cannot decide exactly
 * (letters, extensions, an IDD prefix, carrier codes) goes to the library; `check()` caches
 * those by value.
 */

type PhoneModule = typeof import('libphonenumber-js/max');

export type PhoneCheck = 'valid' | 'possible' | 'invalid';

/**
 * A number read as E.164. `alternative`: digits written without '+' that start with the default
 * country's calling code and are valid both ways ('4915112345678' under DE: +49 1511 2345678, or
 * +49 491 5112345678, a national number without its trunk '0'). `e164` is the international
 * reading (a spreadsheet's number cell cannot hold a '+', nor a leading '0'); `alternative` is
 * the other one, for the warning that says the reading is a choice.
 */
export interface PhoneReading {
  readonly e164: string;
  readonly ext?: string;
  readonly alternative?: string;
}

export interface PhoneSupport {
  /**
   * E.164 for a number written in any common way, with `country` for national numbers. Digits
   * written without '+' that start with the country's calling code are read as libphonenumber
   * reads them, and then as an international number that lost its '+' when that reading is
   * valid and theirs is not (libphonenumber strips the code only when the national number fails
   * the country's general pattern, which Germany's 13-digit fixed lines pass); when both are
   * valid, the international one with `alternative` set. Text in the common shapes only (digits
   * and ` ().-`): other text is the library's reading alone.
   */
  toE164(value: string, country: string): PhoneReading | undefined;
  /** Valid, merely possible (right length, unknown range), or invalid. */
  check(value: string, defaultCountry?: string): PhoneCheck;
  /** The region (ISO 3166 alpha-2) of a number written with its country code, if known. */
  regionOf(international: string): string | undefined;
  /**
   * `check()` of the E.164 the last `toE164()` returned, worked out from the reading that made
   * it, when that call read the number by the fast path and its E.164 reads the same (an
   * international number kept whole, or a national one: `PhonePlans.rereadsAlike`); otherwise
   * undefined (ask `check()`). Mapping a phone column then validating it read every number
   * twice; this lets validation take the first reading's verdict (validate-columns.ts).
   */
  lastCheck(): PhoneCheck | undefined;
}

const E164 = /^\+[1-9]\d{4,14}$/;

/** Text the plans read as international: '+' first (they read no '+' after leading spaces). */
function scannedPlus(text: string): boolean {
  return text.charCodeAt(0) === 43;
}

/** The verdicts of both paths, for differential tests: fast (undefined = not decided) and library. */
export interface PhoneInternals extends PhoneSupport {
  checkFast(value: string, defaultCountry?: string): PhoneCheck | undefined;
  checkLibrary(value: string, defaultCountry?: string): PhoneCheck;
  toE164Fast(value: string, country: string): Omit<PhoneReading, 'ext'> | undefined | 'library';
  toE164Library(value: string, country: string): PhoneReading | undefined;
}

/** Distinct values kept in each cache; cleared when full (a million distinct bad values must not grow it without end). */
const CACHE_LIMIT = 100_000;

function verdictOf(read: ReadPhone): PhoneCheck {
  return verdictIn(read.region, read.national, read.typed);
}

function verdictIn(region: RegionRule, national: string, typed: boolean): PhoneCheck {
  if (typed || isValidIn(region, national)) return 'valid';
  return checkLength(region.possible, national.length) === 'IS_POSSIBLE' ? 'possible' : 'invalid';
}

export function createPhoneSupport(lib: PhoneModule): PhoneInternals {
  const meta = new lib.Metadata() as unknown as InternalMetadata;
  const internalsOk =
    typeof meta.hasCallingCode === 'function' &&
    typeof meta.getCountryCodesForCallingCode === 'function' &&
    typeof meta.isNonGeographicCallingCode === 'function' &&
    typeof meta.selectNumberingPlan === 'function';
  const plans = new PhonePlans(meta, (country) => lib.isSupportedCountry(country));
  const slowCache = new Map<string, PhoneCheck>();
  // The reading behind the last toE164() (see lastCheck): copied, the plans reuse their object.
  let lastRegion: RegionRule | undefined;
  let lastNational = '';
  let lastTyped = false;

  function checkFast(value: string, defaultCountry?: string): PhoneCheck | undefined {
    if (!internalsOk) return undefined;
    const read = plans.read(value, defaultCountry);
    return read === 'library' ? undefined : read === 'none' ? 'invalid' : verdictOf(read);
  }

  function checkLibrary(value: string, defaultCountry: string | undefined): PhoneCheck {
    const country = defaultCountry !== undefined && lib.isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
    const p = lib.parsePhoneNumberFromString(value, country);
    if (p === undefined) return 'invalid';
    return p.isValid() ? 'valid' : p.isPossible() ? 'possible' : 'invalid';
  }

  function toE164Library(text: string, country: string): PhoneReading | undefined {
    const cc = lib.isSupportedCountry(country) ? country : undefined;
    const p = lib.parsePhoneNumberFromString(text, cc);
    if (p === undefined) return undefined;
    const possible = p.isPossible();
    if (cc !== undefined && p.ext === undefined) {
      const plain = plainDigits(text);
      const code = lib.getCountryCallingCode(cc);
      if (plain !== undefined && !plain.plus && plain.digits.startsWith(code) && p.nationalNumber.length + code.length !== plain.digits.length) {
        const other = lib.parsePhoneNumberFromString(`+${text}`);
        if (p.countryCallingCode === code && other !== undefined && other.countryCallingCode === code && other.number !== p.number && other.isPossible() && other.isValid()) {
          return possible && p.isValid() ? { e164: other.number, alternative: p.number } : { e164: other.number };
        }
      }
    }
    if (!possible) return undefined;
    return p.ext === undefined ? { e164: p.number } : { e164: p.number, ext: p.ext };
  }

  /**
   * E.164 for the common shapes ('(415) 555-2671', '+49 30 1234567', '415.555.2671') without
   * the parser; 'library' when the text needs it (letters, extensions, an IDD prefix …).
   */
  function toE164Fast(text: string, country: string): Omit<PhoneReading, 'ext'> | undefined | 'library' {
    if (!internalsOk) return 'library';
    const read = plans.read(text, country);
    if (read === 'library') return 'library';
    if (read === 'none') return undefined;
    const possible = checkLength(read.region.possible, read.national.length) === 'IS_POSSIBLE';
    if (read.codeKept) {
      // Read again as '+' and the digits (toE164Library's second reading): `read` is refilled.
      const whole = `+${read.callingCode}${read.national}`;
      const wholeValid = possible && verdictOf(read) === 'valid';
      const wholeRead = { region: read.region, national: read.national, typed: read.typed, alike: possible && plans.rereadsAlike(read) };
      const other = plans.read(`+${text}`, undefined);
      if (other === 'library') return 'library';
      if (other !== 'none' && other.callingCode === wholeRead.region.callingCode && checkLength(other.region.possible, other.national.length) === 'IS_POSSIBLE' && verdictOf(other) === 'valid') {
        const e164 = `+${other.callingCode}${other.national}`;
        if (e164 !== whole) {
          remember(other, true);
          return wholeValid ? { e164, alternative: whole } : { e164 };
        }
      }
      if (!possible) return undefined;
      if (wholeRead.alike) {
        lastRegion = wholeRead.region;
        lastNational = wholeRead.national;
        lastTyped = wholeRead.typed;
      }
      return { e164: whole };
    }
    if (!possible) return undefined;
    remember(read, scannedPlus(text));
    return { e164: `+${read.callingCode}${read.national}` };
  }

  /** Keeps a reading's verdict for {@link PhoneSupport.lastCheck} where its E.164 reads alike. */
  function remember(read: ReadPhone, plus: boolean): void {
    // An international reading that kept every digit after the calling code: read again (by
    // check), its E.164 takes the same steps from the same digits, so it gets the same verdict.
    // Any other reading (a national number, a national prefix stripped) only where reading the
    // E.164 again finds the same national number and region (PhonePlans.rereadsAlike).
    if ((plus && read.digitCount === read.callingCode.length + read.national.length) || plans.rereadsAlike(read)) {
      lastRegion = read.region;
      lastNational = read.national;
      lastTyped = read.typed;
    }
  }

  return {
    toE164(value, country) {
      lastRegion = undefined;
      const text = value.trim();
      if (E164.test(text)) return { e164: text };
      const fast = toE164Fast(text, country);
      return fast === 'library' ? toE164Library(text, country) : fast;
    },
    check(value, defaultCountry) {
      const fast = checkFast(value, defaultCountry);
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
    lastCheck() {
      return lastRegion === undefined ? undefined : verdictIn(lastRegion, lastNational, lastTyped);
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
