/**
 * Inputs of the validation bench, shared by Node (bench/validate-node.mjs, through Vite's SSR
 * loader) and the Chromium page (./validate-page.ts), so both time the same work.
 *
 * - `messy`: the fake-crm generator as is (phones in many shapes, repeated e-mails, picklist
 *   labels instead of values).
 * - `clean`: the same rows with unique valid e-mails, E.164 phones and picklist values.
 */
import type { MappingPlan } from '../../src/core/engine/mapped-columns';
import type { ColumnMapping, Transform } from '../../src/core/mapping/mapping-types';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { contactsToCsv, createContactSource, createRandom, type ContactRows } from '../../test/support/fake-crm';

export type DataSet = 'clean' | 'messy';

const STAGE_VALUES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist'];

function rows(n: number, set: DataSet): ContactRows {
  const source = createContactSource(42);
  const rand = createRandom(7);
  return {
    columns: source.columns,
    rows: {
      *[Symbol.iterator]() {
        for (let i = 0; i < n; i++) {
          const row = source.next();
          if (set === 'clean') {
            // BENCH_CONTACT_COLUMNS: 3 Email, 4 Phone, 8 Lifecycle Stage.
            row[3] = `contact${i}@example.com`;
            row[4] = `+1415555${String(1000 + ((rand() * 9000) | 0))}`;
            row[8] = STAGE_VALUES[i % STAGE_VALUES.length] as string;
          }
          yield row;
        }
      },
    },
  };
}

/** CSV text of `n` contacts × 10 columns. */
export function validateCsv(n: number, set: DataSet): string {
  return contactsToCsv(rows(n, set));
}

const trim: Transform = { kind: 'trim' };
const map = (column: number, field: string, transforms: readonly Transform[]): ColumnMapping => ({ column, field, transforms, origin: 'template' });

/** 10 mapped fields with the transforms a user would pick. */
export const VALIDATE_PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [
    map(0, 'external_id', [trim]),
    map(1, 'first_name', [trim]),
    map(2, 'last_name', [trim]),
    map(3, 'email', [trim, { kind: 'lowercase-email' }]),
    map(4, 'phone', [{ kind: 'phone', country: 'US' }]),
    map(5, 'company', [trim]),
    map(6, 'title', [trim]),
    map(7, 'city', [trim]),
    map(8, 'lifecycle_stage', [trim]),
    map(9, 'notes', []),
  ],
};

/** Real-world header names (Salesforce, HubSpot, Zoho, Chinese and German sheets) and variations. */
const BASE_HEADERS = [
  'Contact ID', 'First Name', 'Last Name', 'Full Name', 'Email', 'E-Mail Address', 'Phone', 'Mobile Phone', 'Title', 'Account Name',
  'Mailing Street', 'Mailing City', 'Mailing State/Province', 'Mailing Zip/Postal Code', 'Mailing Country', 'Contact Owner', 'Lifecycle Stage',
  'Lead Source', 'Created Date', 'Description', 'Vorname', 'Nachname', 'Telefon', 'Firma', 'Straße', 'PLZ', 'Ort', 'Land', '姓名', '手机',
  '邮箱', '公司名称', '城市', '备注', '创建时间', 'Record ID', 'Job Title', 'Company Name', 'Street Address', 'Postal Code', 'Owner', 'Notes',
  'Lead Status', 'Last Activity Date', 'Website', 'Industry', 'Annual Revenue', 'Number of Employees', 'LinkedIn URL', 'Twitter Handle',
];
const VARIATIONS: ((h: string, i: number) => string)[] = [
  (h) => h,
  (h) => h.toUpperCase().replace(/ /g, '_'),
  (h, i) => `${h} ${(i % 3) + 2}`,
  (h) => `Custom: ${h.toLowerCase()}`,
];

/** A 200-column file: headers and 200 sample rows whose values look like their columns. */
export function wideTable(): { headers: string[]; rows: string[][] } {
  const headers: string[] = [];
  for (let i = 0; headers.length < 200; i++) {
    const base = BASE_HEADERS[i % BASE_HEADERS.length] as string;
    headers.push((VARIATIONS[Math.floor(i / BASE_HEADERS.length) % VARIATIONS.length] as (h: string, i: number) => string)(base, i));
  }
  const source = createContactSource(3);
  const out: string[][] = [];
  for (let r = 0; r < 200; r++) {
    const c = source.next();
    out.push(headers.map((_h, i) => c[i % c.length] as string));
  }
  return { headers, rows: out };
}
