/**
 * Which fields say who a record is, so an added or removed record in the review list reads
 * "Ada Lovelace · Acme · ada@example.com" instead of a bare key. Chosen once per diff from the
 * compared columns: a name, then a company, then an email, then whatever comes first.
 */

/** Folded column names (lower case, letters and digits only) of each kind, best first. */
const NAME = ['fullname', 'name', 'contactname', 'displayname', 'dealname', '姓名', '名称'];
const NAME_PARTS = [
  ['firstname', 'givenname'],
  ['lastname', 'surname', 'familyname'],
];
const COMPANY = ['company', 'companyname', 'account', 'accountname', 'organization', 'organisation', 'employer', '公司'];
const EMAIL = ['email', 'emailaddress', 'mail', '邮箱'];

/** A header folded for matching: `First Name`, `first_name` and `FIRSTNAME` are all `firstname`. */
function fold(column: string): string {
  let out = '';
  for (const ch of column.toLowerCase()) {
    if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
  }
  return out;
}

/**
 * Up to `limit` columns that name a record: a whole name (or first and last name, which count
 * as one), a company, an email — each only if it is not a key column, which the list shows
 * anyway — then the first other columns in order. Columns come back in that order.
 *
 * @example
 * chooseMainFields(['external_id', 'first_name', 'last_name', 'email', 'company'], ['external_id']);
 * // ['first_name', 'last_name', 'company', 'email']
 * chooseMainFields(['sku', 'colour', 'size', 'price'], ['sku']);
 * // ['colour', 'size', 'price']
 */
export function chooseMainFields(columns: readonly string[], keyColumns: readonly string[], limit = 3): string[] {
  const keys = new Set(keyColumns);
  const folded = columns.map(fold);
  const usable = (i: number) => !keys.has(columns[i] as string);
  const find = (names: readonly string[]): number => {
    for (const name of names) {
      const i = folded.findIndex((f, k) => f === name && usable(k));
      if (i >= 0) return i;
    }
    return -1;
  };
  const picked: number[][] = [];
  const name = find(NAME);
  if (name >= 0) picked.push([name]);
  else {
    const parts = NAME_PARTS.map(find).filter((i) => i >= 0);
    if (parts.length > 0) picked.push(parts);
  }
  for (const names of [COMPANY, EMAIL]) {
    const i = find(names);
    if (i >= 0 && !picked.some((p) => p.includes(i))) picked.push([i]);
  }
  for (let i = 0; i < columns.length && picked.length < limit; i++) {
    if (usable(i) && !picked.some((p) => p.includes(i))) picked.push([i]);
  }
  return picked.slice(0, limit).flat().map((i) => columns[i] as string);
}
