/**
 * A hand-written reading of phone numbers in their common shapes (digits with spaces, dashes,
 * dots and parentheses, with or without a leading '+'), giving exactly the answer of
 * libphonenumber-js's `parsePhoneNumberFromString(text, country)` followed by `isValid()` and
 * `isPossible()`, without running its parser.
 *
 * Why hand-written: the library compiles a new RegExp for every pattern it matches
 * (`matchesEntirely`) and walks every region of a shared calling code per number
 * (`getCountryByNationalNumber`); a profile of a million messy phones spent most of its 34 s
 * there. The rules below are compiled once per region from the library's own metadata (the
 * same patterns, lengths and prefixes, so a metadata update changes both sides alike) and
 * follow its steps in order: calling code, IDD prefix, a calling code written without '+',
 * national prefix, region by leading digits or number type, then length and pattern checks.
 * Whatever they do not follow exactly answers `'library'` (an IDD prefix, a national prefix
 * with carrier-code groups, non-geographic calling codes, a region without possible lengths);
 * the differential tests (test/unit/core/transform/phone-fast-path.test.ts) hold the two to
 * the same verdict and the same E.164.
 */

/** libphonenumber-js internals used here; its .d.ts does not declare them. */
export interface InternalPlan {
  callingCode(): string;
  IDDPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalNumberPattern(): string;
  leadingDigits(): string | undefined;
  possibleLengths(): number[] | undefined;
  hasTypes(): boolean;
  type(t: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
export interface InternalMetadata {
  hasCallingCode(cc: string): boolean;
  isNonGeographicCallingCode(cc: string): boolean;
  getCountryCodesForCallingCode(cc: string): string[] | undefined;
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan: InternalPlan | undefined;
}

const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
/** The library's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN. */
const MIN_NATIONAL = 2;
const MAX_NATIONAL = 17;
/** The library's MAX_INPUT_STRING_LENGTH: longer text is not a number. */
const MAX_INPUT = 250;

export interface RegionRule {
  readonly country: string;
  readonly callingCode: string;
  /** Numbers starting with these digits belong to this region (e.g. +358 18 → Åland). */
  readonly leading: RegExp | undefined;
  readonly general: RegExp;
  /** Possible national lengths, ascending; `undefined`: not given. */
  readonly possible: readonly number[] | undefined;
  readonly hasTypes: boolean;
  readonly types: readonly { readonly re: RegExp; readonly lengths: readonly number[] | undefined }[];
  readonly idd: RegExp | undefined;
  /** The national prefix for parsing ('1' in the US, '0' in Germany). */
  readonly prefix: RegExp | undefined;
  /** The prefix pattern has capture groups (carrier codes, transform rules): the library decides. */
  readonly prefixGroups: boolean;
}

export interface CallingCodeRule {
  /** The regions sharing the code, in metadata order: the first is the main one. */
  readonly regions: readonly RegionRule[];
}

/** A number read the library's way: its calling code, national number and region. */
export interface ReadPhone {
  readonly callingCode: string;
  readonly national: string;
  readonly region: RegionRule;
  /**
   * The region was chosen because the national number has one of its types: it is valid there
   * (`isValidIn` is true) without testing its patterns again, which a check of a +1 number did.
   */
  readonly typed: boolean;
  /** Digits in the text read (after a '+'). */
  readonly digitCount: number;
  /** The region was found for the national number (leading digits or a type), not taken as the fallback. */
  readonly claimed: boolean;
  /**
   * Written without '+', its digits start with the default country's calling code, and the
   * reading kept them as part of the national number ('4915112345678' under DE read as
   * +49 4915112345678): the digits may also be an international number that lost its '+'
   * (a number cell of a spreadsheet cannot hold one). phone-support.ts reads them that way too.
   */
  readonly codeKept: boolean;
}

/** `'none'`: the library reads no number; `'library'`: only the library can tell. */
export type PlainRead = ReadPhone | 'none' | 'library';

export type LengthCheck = 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

/** libphonenumber's checkNumberLength over a list of possible lengths. */
export function checkLength(lengths: readonly number[] | undefined, length: number): LengthCheck {
  if (lengths === undefined) return 'IS_POSSIBLE';
  const min = lengths[0];
  if (min === length) return 'IS_POSSIBLE';
  if (min === undefined || min > length) return min === undefined ? 'INVALID_LENGTH' : 'TOO_SHORT';
  if ((lengths[lengths.length - 1] as number) < length) return 'TOO_LONG';
  return lengths.indexOf(length, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

function anchored(pattern: string | undefined, whole: boolean): RegExp | undefined {
  return pattern ? new RegExp(whole ? `^(?:${pattern})$` : `^(?:${pattern})`) : undefined;
}

/** Capture groups in a pattern: an empty alternative makes it match '', and exec counts them. */
function hasGroups(pattern: string): boolean {
  return (new RegExp(`${pattern}|`).exec('')?.length ?? 1) > 1;
}

function compileRegion(meta: InternalMetadata, country: string): RegionRule | undefined {
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
  const prefix = plan.nationalPrefixForParsing();
  return {
    country,
    callingCode: plan.callingCode(),
    leading: anchored(plan.leadingDigits(), false),
    general: anchored(plan.nationalNumberPattern(), true) ?? /^$/,
    possible: plan.possibleLengths(),
    hasTypes: plan.hasTypes(),
    types,
    idd: anchored(plan.IDDPrefix(), false),
    prefix: anchored(prefix, false),
    prefixGroups: prefix ? hasGroups(prefix) : false,
  };
}

/** libphonenumber's getNumberType() !== undefined. */
function hasType(region: RegionRule, national: string): boolean {
  if (!region.general.test(national)) return false;
  for (const type of region.types) {
    if (type.lengths !== undefined && !type.lengths.includes(national.length)) continue;
    if (type.re.test(national)) return true;
  }
  return false;
}

/** libphonenumber's isValid() of a number assigned to `region`. */
export function isValidIn(region: RegionRule, national: string): boolean {
  return region.hasTypes ? hasType(region, national) : region.general.test(national);
}

/** The one {@link ReadPhone} a {@link PhonePlans} fills per read. */
interface MutableRead {
  callingCode: string;
  national: string;
  region: RegionRule;
  typed: boolean;
  digitCount: number;
  claimed: boolean;
  codeKept: boolean;
}

/** The rules of every region and calling code, compiled on first use. */
export class PhonePlans {
  private readonly regions = new Map<string, RegionRule | undefined>();
  /**
   * Per calling code written with 1–3 digits (index `len * 1000 + number`): the code as a
   * string, null when it is none. Read instead of slicing the digits and asking the metadata per
   * length for every number: a million phones made three strings and three lookups each. Filled
   * up front so the array keeps fast elements (a sparse one is a dictionary, a hash per read).
   */
  private readonly codeStrings: (string | null | undefined)[] = Array.from<string | null | undefined>({ length: 4000 });
  /** What {@link read} returns: one object, refilled by every read (read it before the next). */
  private readonly last: MutableRead = { callingCode: '', national: '', region: undefined as unknown as RegionRule, typed: false, digitCount: 0, claimed: false, codeKept: false };
  private readonly codes = new Map<string, CallingCodeRule | undefined>();
  /** The region {@link regionOf} last returned because the number has a type there, else undefined. */
  private typedRegion: RegionRule | undefined;

  constructor(
    private readonly meta: InternalMetadata,
    private readonly isCountry: (country: string) => boolean,
  ) {}

  region(country: string): RegionRule | undefined {
    let rule = this.regions.get(country);
    if (rule === undefined && !this.regions.has(country)) {
      this.regions.set(country, (rule = this.isCountry(country) ? compileRegion(this.meta, country) : undefined));
    }
    return rule;
  }

  /** `undefined` for non-geographic codes and codes whose regions cannot be compiled. */
  callingCode(cc: string): CallingCodeRule | undefined {
    let rule = this.codes.get(cc);
    if (rule === undefined && !this.codes.has(cc)) {
      rule = this.compileCode(cc);
      this.codes.set(cc, rule);
    }
    return rule;
  }

  private compileCode(cc: string): CallingCodeRule | undefined {
    if (this.meta.isNonGeographicCallingCode(cc)) return undefined;
    const regions: RegionRule[] = [];
    for (const country of this.meta.getCountryCodesForCallingCode(cc) ?? []) {
      const region = this.region(country);
      if (region === undefined) return undefined;
      regions.push(region);
    }
    return regions.length === 0 ? undefined : { regions };
  }

  /** libphonenumber's getCountryByCallingCode: leading digits, else a number type, in order. */
  private regionOf(code: CallingCodeRule, national: string): RegionRule | undefined {
    const regions = code.regions;
    this.typedRegion = undefined;
    if (regions.length === 1) return regions[0];
    for (const region of regions) {
      if (region.leading !== undefined) {
        if (region.leading.test(national)) return region;
      } else if (hasType(region, national)) {
        this.typedRegion = region;
        return region;
      }
    }
    return undefined;
  }

  /** libphonenumber's extractNationalNumber under the numbering plan `plan`. */
  private extractNational(number: string, plan: RegionRule, code: CallingCodeRule): string | 'library' {
    const match = plan.prefix?.exec(number);
    if (match === undefined || match === null) return number;
    if (plan.prefixGroups) return 'library';
    const stripped = number.slice(match[0].length);
    if (stripped === number) return number;
    if (plan.general.test(number) && !plan.general.test(stripped)) return number;
    if (plan.possible !== undefined) {
      const lengths = (this.regionOf(code, stripped) ?? plan).possible;
      const check = checkLength(lengths, stripped.length);
      if (check === 'TOO_SHORT' || check === 'INVALID_LENGTH') return number;
    }
    return stripped;
  }

  /** The calling code of `len` digits whose value is `value` (no leading zero), or null. */
  private codeOf(len: number, value: number): string | null {
    const at = len * 1000 + value;
    let code = this.codeStrings[at];
    if (code === undefined) {
      const c = String(value);
      this.codeStrings[at] = code = this.meta.hasCallingCode(c) ? c : null;
    }
    return code;
  }

  /**
   * Reads `text` as `parsePhoneNumberFromString(text, country)` would, when it is only digits
   * and phone punctuation. The {@link ReadPhone} returned is refilled by the next read: callers
   * take what they need from it at once.
   */
  read(text: string, country: string | undefined): PlainRead {
    if (text.length > MAX_INPUT) return 'library';
    const digits = scanDigits(text);
    if (digits === undefined) return 'library';
    const plus = scannedPlus;
    // Fewer than 3 digits may not be "viable" to the library: rare, and its call.
    if (digits.length < 3) return 'library';
    let number: string;
    let code: CallingCodeRule | undefined;
    let plan: RegionRule;
    /** The region when no region claims the national number. */
    let fallback: RegionRule;
    let cc = '';
    if (plus) {
      if (digits.charCodeAt(0) === 48) return 'none';
      let value = 0;
      for (let len = 1; len <= 3 && len <= digits.length; len++) {
        value = value * 10 + digits.charCodeAt(len - 1) - 48;
        const c = this.codeOf(len, value);
        if (c !== null) {
          cc = c;
          break;
        }
      }
      if (cc === '') return 'none';
      code = this.callingCode(cc);
      if (code === undefined) return 'library';
      plan = fallback = code.regions[0] as RegionRule;
      number = digits.slice(cc.length);
    } else {
      const home = country === undefined ? undefined : this.region(country);
      // No default country: a number without '+' has no numbering plan.
      if (home === undefined) return country === undefined || !this.isCountry(country) ? 'none' : 'library';
      if (home.idd?.test(digits)) return 'library';
      cc = home.callingCode;
      code = this.callingCode(cc);
      if (code === undefined) return 'library';
      plan = fallback = home;
      number = digits;
      if (digits.startsWith(cc)) {
        // The country code written without '+' (extractCountryCallingCodeFromInternationalNumberWithoutPlusSign).
        const shorter = digits.slice(cc.length);
        const shorterNational = this.extractNational(shorter, home, code);
        const whole = this.extractNational(digits, home, code);
        if (shorterNational === 'library' || whole === 'library') return 'library';
        if ((!home.general.test(whole) && home.general.test(shorterNational)) || checkLength(home.possible, whole.length) === 'TOO_LONG') {
          plan = fallback = code.regions[0] as RegionRule;
          number = shorter;
        }
      }
    }
    if (number === '') return 'none';
    const national = this.extractNational(number, plan, code);
    if (national === 'library') return 'library';
    if (national.length < MIN_NATIONAL || national.length > MAX_NATIONAL) return 'none';
    const claimed = this.regionOf(code, national);
    const region = claimed ?? fallback;
    // The library's isPossible() throws for a region without lengths.
    if (region.possible === undefined) return 'library';
    const out = this.last;
    out.callingCode = cc;
    out.national = national;
    out.region = region;
    out.typed = this.typedRegion === region && region.hasTypes;
    out.digitCount = digits.length;
    out.claimed = claimed !== undefined;
    // The calling code is still in the national number: not read with a '+', it starts the
    // digits, and the national number is longer than what follows it (when it is exactly that,
    // a national prefix equal to the code was stripped: '1 415 …' in the US).
    out.codeKept = !plus && number === digits && digits.startsWith(cc) && national.length + cc.length !== digits.length;
    return out;
  }

  /**
   * Whether reading `read`'s E.164 (`+`, its calling code, its national number) gives the same
   * national number, region and type, hence the same verdict: the E.164 is read under the
   * calling code's main region, so its national prefix must find nothing more to strip there
   * (what is left after a stripped prefix, '+49 030 …', could lose another), and the region
   * must be the one the national number claims, or the main region itself (a national number
   * no region claims falls back to the home region when read without '+', to the main one
   * with it). Then validation can take the verdict of this reading instead of reading the
   * E.164 again (phone-support.ts, `lastCheck`). Read `read` before the next {@link read}.
   */
  rereadsAlike(read: ReadPhone): boolean {
    const code = this.codes.get(read.callingCode);
    if (code === undefined) return false;
    const main = code.regions[0] as RegionRule;
    if (!read.claimed && read.region !== main) return false;
    return this.extractNational(read.national, main, code) === read.national;
  }
}

/**
 * Only digits, spaces and the punctuation people put in phone numbers; '+' only first. The
 * same answer as removing runs of ` ().-` and matching `^\+?\d+$` (with a '+' only when the
 * text starts with it), decided in one scan: the regex pair cost a replace and a test per cell,
 * a third of a million clean phones' check. Text without punctuation is sliced, not rebuilt.
 */
export function plainDigits(text: string): { plus: boolean; digits: string } | undefined {
  const digits = scanDigits(text);
  return digits === undefined ? undefined : { plus: scannedPlus, digits };
}

/** Whether the text {@link scanDigits} read last started with '+'. */
let scannedPlus = false;

/** {@link plainDigits} without a result object per number: the digits, '+' in {@link scannedPlus}. */
function scanDigits(text: string): string | undefined {
  let digits = 0;
  let punctuation = false;
  const plus = text.charCodeAt(0) === 43;
  for (let i = plus ? 1 : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 32 || c === 40 || c === 41 || c === 46 || c === 45) punctuation = true;
    else return undefined;
  }
  if (digits === 0) return undefined;
  scannedPlus = plus;
  const from = plus ? 1 : 0;
  if (!punctuation) return from === 0 ? text : text.slice(from);
  // The runs of digits joined: a few slices and concatenations, cheaper than a regex replace
  // (a third of a clean phone's reading was the replace).
  let out = '';
  let run = from;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (i > run) out += text.slice(run, i);
    run = i + 1;
  }
  return run < text.length ? out + text.slice(run) : out;
}
