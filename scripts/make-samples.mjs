// Writes the app's "Try sample data" files into public/samples/. Deterministic: running it again
// gives byte-identical files, so the committed samples only change when this script does.
//
//   node scripts/make-samples.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'public/samples');
// The generator is TypeScript; Vite's module runner loads it without a build step on Node 20.
const { module: fake } = await runnerImport(resolve(root, 'test/support/fake-crm.ts'), {
  configFile: false,
  logLevel: 'warn',
});

mkdirSync(out, { recursive: true });
const write = (name, data) => {
  writeFileSync(resolve(out, name), data);
  console.log(`wrote public/samples/${name} (${Buffer.byteLength(data)} bytes)`);
};

// --- contacts.csv: this month's export, clean but realistic ---------------------------------
const columns = fake.ALL_CONTACT_COLUMNS;
const current = fake.generateContacts(300, 2024_06, { columns, emptyRate: 0.03, notesRate: 0.25 });
write('contacts.csv', fake.contactsToCsv(current));

// --- contacts-baseline.csv: last month's export of the same contacts ------------------------
// 20 contacts are new this month (absent here), 10 were removed since (only here), 30 changed.
const rand = fake.createRandom(2024_05);
const col = (name) => columns.indexOf(name);
const shuffled = current.rows.map((_, i) => i);
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
}
const added = new Set(shuffled.slice(0, 20));
const changed = new Set(shuffled.slice(20, 50));
const older = fake.generateContacts(40, 1999, { columns, emptyRate: 0.03 }).rows;
const stages = ['Subscriber', 'Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead', 'Opportunity'];

/** Last month's value of one field: the change the diff step should find. */
function previousVersion(row, i) {
  const before = [...row];
  const donor = older[i % older.length];
  const field = ['Email', 'Phone', 'Lifecycle Stage', 'Title'][i % 4];
  const c = col(field);
  if (field === 'Lifecycle Stage') before[c] = stages[(stages.indexOf(row[c]) + 4) % stages.length];
  else before[c] = donor[c] === row[c] || donor[c] === '' ? `old-${row[c] || 'value'}` : donor[c];
  if (field === 'Email') before[c] = donor[c].replace(/@.*/, '@old-employer.com');
  return before;
}

const baselineRows = [];
const removed = fake.generateContacts(10, 777, { columns, emptyRate: 0.03, firstId: 9001 }).rows;
current.rows.forEach((row, i) => {
  if (i % 30 === 15) baselineRows.push(removed[(i - 15) / 30]);
  if (added.has(i)) return;
  baselineRows.push(changed.has(i) ? previousVersion(row, i) : row);
});
write('contacts-baseline.csv', fake.contactsToCsv({ columns, rows: baselineRows }));

// --- contacts-messy.csv: German Excel, semicolons, Windows-1252 -----------------------------
const messyHeader = ['Contact ID', 'First Name', 'Last Name', 'Email', 'Phone', 'Company', 'City', 'Postal Code', 'Deal Amount (EUR)', 'Notes'];
const messyRows = [
  ['0000101', 'Jürgen', 'Müller', 'juergen.mueller@web.de', '+49 30 1234567', 'Müller & Söhne GmbH', 'Dresden', '01067', '1.234,50', 'Rückruf erbeten'],
  ['0000102', 'Björn', 'Groß', 'bjoern.gross@gmx.de', '(030) 7654321', 'Groß Logistik AG', 'München', '80331', '980,00', 'Budget 5.000 €; Entscheidung im Q3'],
  ['0000103', 'Käthe', 'Schäfer', 'kaethe.schaefer@t-online.de', '0171 2345678', 'Schäfer KG', 'Köln', '50667', '12.000,00', ''],
  ['0000104', 'Zoë', 'Weiß', 'zoe.weiss@example.de', '+49 89 998877', 'Weiß Consulting', 'Düsseldorf', '40213', '0,99', 'Messe „CRM Expo“ – sehr interessiert'],
  ['0000105', 'Søren', 'Brückner', 'soeren.brueckner@firma.de', '', 'Brückner & Partner', 'Leipzig', '04109', '15.750,25', 'Mag keine Anrufe\nbitte nur E-Mail'],
  ['0000106', 'François', 'Lefèvre', 'f.lefevre@societe.fr', '+33 1 42 68 53 00', 'Société Générale', 'Straßburg', '67000', '3.300,00', 'Spricht Französisch, Deutsch'],
  ['0000107', 'Renée', 'Öztürk', 'renee.oeztuerk@example.de', '0049 40 112233', 'Öztürk Handels GmbH', 'Hamburg', '20095', '', 'Preis zu hoch (™-Lizenz)'],
  ['0000108', 'Agnieszka', 'Nowak', 'a.nowak@example.pl', '+48 22 1234567', 'Nowak Sp. z o.o.', 'Görlitz', '02826', '7.500,00', 'Rabatt 10 %'],
];
const messyCsv = `CRM Export 2024-05-01\r\n\r\n${fake.contactsToCsv({ columns: messyHeader, rows: messyRows }, { delimiter: ';', newline: '\r\n' })}`;
write('contacts-messy.csv', encodeWindows1252(messyCsv));

/**
 * Windows-1252 bytes. It is Latin-1 except 0x80–0x9F, where it has € and typographic quotes
 * (https://encoding.spec.whatwg.org/index-windows-1252.txt); anything else is a script bug.
 */
function encodeWindows1252(text) {
  const high = { '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f };
  const bytes = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (high[ch] !== undefined) bytes.push(high[ch]);
    else throw new Error(`"${ch}" has no Windows-1252 byte`);
  }
  return Buffer.from(bytes);
}
