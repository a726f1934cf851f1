/**
 * Deterministic fake CRM contacts for tests, samples and benchmarks. No dependencies, so it
 * runs the same in Node (through Vite's module runner), in Vitest and in a bench page.
 *
 * The messiness is the kind real exports carry (docs/design.md, "Their files are messy"): accented
 * and Chinese names, many phone formats, leading-zero IDs and postal codes, notes with commas,
 * quotes and newlines, empty cells. Every cell is a string exactly as a file would hold it.
 */

/** Every column the generator knows, in a typical CRM export order. */
export const ALL_CONTACT_COLUMNS = [
  'Contact ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone',
  'Company',
  'Title',
  'City',
  'Postal Code',
  'Country',
  'Lifecycle Stage',
  'Created Date',
  'Notes',
] as const;

export type ContactColumn = (typeof ALL_CONTACT_COLUMNS)[number];

/** The 10 columns the benchmarks use: ~112 bytes a row, so 1M rows is a ~110 MB CSV. */
export const BENCH_CONTACT_COLUMNS: readonly ContactColumn[] = [
  'Contact ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone',
  'Company',
  'Title',
  'City',
  'Lifecycle Stage',
  'Notes',
];

export interface FakeCrmOptions {
  /** Which columns, in which order. Default: {@link BENCH_CONTACT_COLUMNS}. */
  readonly columns?: readonly ContactColumn[];
  /** Share of optional cells (phone, company, title, city, postal code) left empty. Default 0.04. */
  readonly emptyRate?: number;
  /** Share of people with accented or Chinese names. Default 0.2. */
  readonly internationalRate?: number;
  /** Share of rows with a note; a quarter of those span lines. Default 0.3. */
  readonly notesRate?: number;
  /** The first Contact ID number. Default 1. */
  readonly firstId?: number;
}

export interface Contacts {
  readonly columns: string[];
  readonly rows: string[][];
}

/** Columns plus rows from any source, so text builders also take a lazy 1M-row iterator. */
export interface ContactRows {
  readonly columns: readonly string[];
  readonly rows: Iterable<readonly string[]>;
}

/**
 * A seeded PRNG (mulberry32): fast, tiny and the same on every engine, so a seed always gives
 * the same file. Returns floats in [0, 1).
 */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Sarah', 'Daniel', 'Emily', 'Thomas', 'Laura', 'Kevin', 'Olivia', 'Brian', 'Hannah', 'Eric', 'Grace'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Martin', 'Thompson', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', "O'Brien", 'Van der Berg'];
// Email local parts, computed once rather than per row.
const FIRST_ASCII = FIRST.map((n) => n.toLowerCase());
const LAST_ASCII = LAST.map((n) => n.toLowerCase().replace(/[^a-z]/g, ''));
// [written, ASCII used in the email address]
const FIRST_INTL: readonly (readonly [string, string])[] = [['José', 'jose'], ['Zoë', 'zoe'], ['François', 'francois'], ['Søren', 'soren'], ['Łukasz', 'lukasz'], ['Jürgen', 'juergen'], ['Inês', 'ines'], ['Çağla', 'cagla'], ['Renée', 'renee'], ['Björn', 'bjorn']];
const LAST_INTL: readonly (readonly [string, string])[] = [['Müller', 'mueller'], ['García', 'garcia'], ['Groß', 'gross'], ['Ångström', 'angstrom'], ['Dvořák', 'dvorak'], ['Núñez', 'nunez'], ['Lefèvre', 'lefevre'], ['Østergaard', 'ostergaard']];
// Chinese given names and surnames with their pinyin; the surname is written first in Chinese.
const GIVEN_ZH: readonly (readonly [string, string])[] = [['伟', 'wei'], ['芳', 'fang'], ['秀英', 'xiuying'], ['静', 'jing'], ['强', 'qiang'], ['磊', 'lei'], ['洋', 'yang'], ['艳', 'yan'], ['俊杰', 'junjie'], ['欣怡', 'xinyi']];
const FAMILY_ZH: readonly (readonly [string, string])[] = [['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['欧阳', 'ouyang']];
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Ltd', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Industries', 'Northwind Traders', 'Contoso', 'Fabrikam, Inc.', 'Tyrell Corp', 'Müller & Söhne GmbH', '华为技术有限公司', 'Société Générale', 'Blue Sky Analytics'];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Sales Manager', 'Account Executive', 'Marketing Director', 'Head of Operations', 'Procurement Lead', 'Office Manager', 'Software Engineer', 'CFO', 'Founder'];
const STAGES = ['Subscriber', 'Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead', 'Opportunity', 'Customer', 'Evangelist'];
// [city, country, postal code pattern: '#' is a digit]. US and German codes can start with 0.
const PLACES: readonly (readonly [string, string, string])[] = [['Boston', 'United States', '021##'], ['Newark', 'United States', '071##'], ['San Francisco', 'United States', '941##'], ['Austin', 'United States', '787##'], ['London', 'United Kingdom', 'EC1A #BB'], ['Dresden', 'Germany', '010##'], ['München', 'Germany', '80###'], ['Paris', 'France', '750##'], ['São Paulo', 'Brazil', '01###-###'], ['Shanghai', 'China', '200###'], ['北京', 'China', '100###'], ['Zürich', 'Switzerland', '80##']];
const DOMAINS = ['gmail.com', 'outlook.com', 'example.com', 'acme.io', 'globex.net', 'qq.com', '163.com', 'web.de'];
const NOTES = ['Met at SaaStr', 'Prefers email', 'Asked for a demo, follow up next week', 'Budget approved: €25,000', 'Interested in the "Enterprise" plan', 'Do not call before 10am', 'Referred by a partner', '客户要求下周回电', 'Wants pricing in EUR, not USD', 'Renewal due Q3'];
const NOTES_SECOND = ['Call back Tuesday', 'Decision maker: "Finance"', 'Sent brochure, no reply', 'Needs GDPR addendum', '已发送报价单'];

/** One digit string of `n` digits, leading zeros kept. */
function digits(rand: () => number, n: number): string {
  return String(Math.floor(rand() * 10 ** n)).padStart(n, '0');
}

function fillPattern(rand: () => number, pattern: string): string {
  return pattern.replace(/#/g, () => String((rand() * 10) | 0));
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[(rand() * list.length) | 0] as T;
}

/** Phone numbers in the shapes CRMs actually receive, including ones Excel mangles. */
function makePhone(rand: () => number, country: string): string {
  const r = rand();
  if (country === 'China') return r < 0.5 ? `1${3 + ((rand() * 6) | 0)}${digits(rand, 9)}` : `+86 138 ${digits(rand, 4)} ${digits(rand, 4)}`;
  if (country === 'Germany') return r < 0.5 ? `+49 30 ${digits(rand, 7)}` : `(030) ${digits(rand, 7)}`;
  if (country === 'United Kingdom') return `+44 20 ${digits(rand, 4)} ${digits(rand, 4)}`;
  if (r < 0.3) return `+1 (${digits(rand, 3)}) 555-${digits(rand, 4)}`;
  if (r < 0.6) return `${digits(rand, 3)}-555-${digits(rand, 4)}`;
  if (r < 0.8) return `${digits(rand, 3)}.555.${digits(rand, 4)}`;
  return `+1${digits(rand, 10)}`;
}

function makeDate(rand: () => number): string {
  const y = 2019 + ((rand() * 6) | 0);
  const m = 1 + ((rand() * 12) | 0);
  const d = 1 + ((rand() * 28) | 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * Returns a function that makes the next contact row each call. Rows come out one at a time so
 * a million of them can become text without all existing as arrays at once.
 */
export function createContactSource(seed: number, opts: FakeCrmOptions = {}): { columns: string[]; next: () => string[] } {
  const columns = [...(opts.columns ?? BENCH_CONTACT_COLUMNS)];
  const rand = createRandom(seed);
  const emptyRate = opts.emptyRate ?? 0.04;
  const intlRate = opts.internationalRate ?? 0.2;
  const notesRate = opts.notesRate ?? 0.3;
  let id = opts.firstId ?? 1;
  const maybe = (value: string): string => (rand() < emptyRate ? '' : value);

  const next = (): string[] => {
    let first: string, last: string, local: string;
    const kind = rand();
    if (kind < intlRate / 2) {
      const [g, gp] = pick(rand, GIVEN_ZH);
      const [f, fp] = pick(rand, FAMILY_ZH);
      [first, last, local] = [g, f, `${gp}.${fp}`];
    } else if (kind < intlRate) {
      const [g, gp] = pick(rand, FIRST_INTL);
      const [f, fp] = pick(rand, LAST_INTL);
      [first, last, local] = [g, f, `${gp}.${fp}`];
    } else {
      const f = (rand() * FIRST.length) | 0;
      const l = (rand() * LAST.length) | 0;
      [first, last, local] = [FIRST[f] as string, LAST[l] as string, `${FIRST_ASCII[f]}.${LAST_ASCII[l]}`];
    }
    const [city, country, postal] = pick(rand, PLACES);
    const n = rand();
    let notes = '';
    if (n < notesRate) {
      notes = pick(rand, NOTES);
      if (n < notesRate / 4) notes += `\n${pick(rand, NOTES_SECOND)}`;
    }
    const values: Record<ContactColumn, string> = {
      // Seven digits with leading zeros: the classic ID that must never become a number.
      'Contact ID': String(id++).padStart(7, '0'),
      'First Name': first,
      'Last Name': last,
      Email: `${local}${rand() < 0.3 ? (rand() * 100) | 0 : ''}@${pick(rand, DOMAINS)}`,
      Phone: maybe(makePhone(rand, country)),
      Company: maybe(pick(rand, COMPANIES)),
      Title: maybe(pick(rand, TITLES)),
      City: maybe(city),
      'Postal Code': maybe(fillPattern(rand, postal)),
      Country: country,
      'Lifecycle Stage': pick(rand, STAGES),
      'Created Date': makeDate(rand),
      Notes: notes,
    };
    return columns.map((c) => values[c as ContactColumn]);
  };
  return { columns, next };
}

/** Lazily yields `count` contact rows; pass to the text builders for large inputs. */
export function iterateContacts(count: number, seed: number, opts?: FakeCrmOptions): ContactRows {
  const source = createContactSource(seed, opts);
  return {
    columns: source.columns,
    rows: {
      *[Symbol.iterator]() {
        for (let i = 0; i < count; i++) yield source.next();
      },
    },
  };
}

/**
 * `count` deterministic contacts as rows of strings.
 *
 * @example
 * const { columns, rows } = generateContacts(3, 42);
 * columns[0]; // 'Contact ID'
 * rows[0]?.[0]; // '0000001'
 * @public Loaded at run time through Vite by bench/node-core.mjs and scripts/make-samples.mjs,
 * which the dead-code check cannot follow.
 */
export function generateContacts(count: number, seed: number, opts?: FakeCrmOptions): Contacts {
  const source = createContactSource(seed, opts);
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) rows.push(source.next());
  return { columns: source.columns, rows };
}

/** `first name` style headers to `first_name`: a valid XML name and a tidy JSON key. */
export function toFieldName(column: string): string {
  return column.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/**
 * Joins per-row texts in chunks of rows: one big `+=` or one join of a million pieces both
 * cost more memory than joining a few hundred medium strings.
 */
function buildText(head: string, rows: Iterable<readonly string[]>, toText: (row: readonly string[]) => string, tail: string): string {
  const chunks: string[] = [head];
  let pieces: string[] = [];
  for (const row of rows) {
    pieces.push(toText(row));
    if (pieces.length === 8192) {
      chunks.push(pieces.join(''));
      pieces = [];
    }
  }
  chunks.push(pieces.join(''), tail);
  return chunks.join('');
}

export interface CsvTextOptions {
  readonly delimiter?: string;
  readonly newline?: string;
}

/** RFC 4180 CSV with a header row; fields quoted only when they must be. */
export function contactsToCsv(data: ContactRows, opts: CsvTextOptions = {}): string {
  const delimiter = opts.delimiter ?? ',';
  const newline = opts.newline ?? '\n';
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\\]^-]/g, '\\$&')}]`);
  const field = (v: string): string => (special.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const line = (row: readonly string[]): string => row.map(field).join(delimiter) + newline;
  return buildText(line(data.columns), data.rows, line, '');
}

// Most values need no escaping; testing first is several times faster than stringifying each.
// oxlint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const JSON_SPECIAL = /["\\\u0000-\u001f\u2028\u2029]/;
const jsonString = (v: string): string => (JSON_SPECIAL.test(v) ? JSON.stringify(v) : `"${v}"`);

function toObjectText(keys: readonly string[]): (row: readonly string[]) => string {
  const quoted = keys.map((k, i) => `${i === 0 ? '{' : ','}${JSON.stringify(k)}:`);
  return (row) => {
    let s = '';
    for (let i = 0; i < quoted.length; i++) s += quoted[i] + jsonString(row[i] ?? '');
    return `${s}}`;
  };
}

/**
 * A JSON array of objects keyed by snake_case field names.
 * @public Used by bench/node-core.mjs, loaded at run time through Vite.
 */
export function contactsToJson(data: ContactRows): string {
  const obj = toObjectText(data.columns.map(toFieldName));
  let first = true;
  const item = (row: readonly string[]): string => {
    const s = (first ? '\n' : ',\n') + obj(row);
    first = false;
    return s;
  };
  return buildText('[', data.rows, item, '\n]\n');
}

const XML_SPECIAL = /[&<>]/;
const xmlText = (v: string): string =>
  XML_SPECIAL.test(v) ? v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : v;

/**
 * `<contacts><contact><first_name>…</first_name>…</contact></contacts>`, text escaped.
 * @public Used by bench/node-core.mjs, loaded at run time through Vite.
 */
export function contactsToXml(data: ContactRows): string {
  const open = data.columns.map((c) => `<${toFieldName(c)}>`);
  const close = data.columns.map((c) => `</${toFieldName(c)}>`);
  const record = (row: readonly string[]): string => {
    let s = '  <contact>';
    for (let i = 0; i < open.length; i++) s += (open[i] as string) + xmlText(row[i] ?? '') + close[i];
    return `${s}</contact>\n`;
  };
  return buildText('<?xml version="1.0" encoding="UTF-8"?>\n<contacts>\n', data.rows, record, '</contacts>\n');
}
