import { describe, expect, it } from 'vitest';
import { DYNAMICS } from '../../../../src/core/profiles/dynamics';
import { HUBSPOT } from '../../../../src/core/profiles/hubspot';
import { ODOO } from '../../../../src/core/profiles/odoo';
import { PIPEDRIVE } from '../../../../src/core/profiles/pipedrive';
import {
  profileManifest,
  writeProfileFiles,
  type ProfileOperation,
} from '../../../../src/core/profiles/profile-write';
import { PROFILES } from '../../../../src/core/profiles/profiles';
import { SALESFORCE } from '../../../../src/core/profiles/salesforce';
import { ZOHO } from '../../../../src/core/profiles/zoho';

const COLUMNS = [
  'external_id',
  'first_name',
  'last_name',
  'email',
  'account_id',
  'owner',
  'owner_id',
  'lifecycle_stage',
  'notes',
];

/** A change set from Review: two inserts, two updates (one without a record ID), one delete. */
const OPS: ProfileOperation[] = [
  {
    op: 'insert',
    key: 'lin@example.cn',
    fields: [],
    record: ['', 'Lin', 'Wei', 'lin@example.cn', '001A', 'Ann', '005X', 'lead', 'Met, at "expo"'],
  },
  {
    op: 'insert',
    key: 'bob@example.com',
    fields: [],
    record: ['003D', 'Bob', 'Stone', 'bob@example.com', '', '', '', '', '=1+2'],
  },
  {
    op: 'update',
    key: 'ada@new.example',
    fields: [
      { column: 'email', value: 'ada@new.example' },
      { column: 'notes', value: '' },
    ],
    record: ['003A', 'Ada', 'Lovelace', 'ada@new.example', '001A', 'Ann', '005X', 'customer', ''],
  },
  {
    op: 'update',
    key: 'cy@example.com',
    fields: [{ column: 'first_name', value: 'Cy' }],
    record: ['', 'Cy', 'Young', 'cy@example.com', '', '', '', '', ''],
  },
  {
    op: 'delete',
    key: 'zed@example.com',
    fields: [],
    record: ['003Z', 'Zed', 'Old', 'zed@example.com', '', '', '', '', ''],
  },
];

const files = (out: ReturnType<typeof writeProfileFiles>) =>
  Object.fromEntries(out.files.map((f) => [f.name, f.text]));

describe('writeProfileFiles: hand-checked files per CRM', () => {
  it('Salesforce by Id: insert, update (#N/A clears, empty cells ignored), delete; no formula guard', () => {
    const out = writeProfileFiles(SALESFORCE, 'contact', COLUMNS, OPS, { mode: 'id' });
    expect(files(out)).toEqual({
      '21-Contact-insert.csv':
        'FirstName,LastName,Email,AccountId,OwnerId,Description\r\n' +
        'Lin,Wei,lin@example.cn,001A,005X,"Met, at ""expo"""\r\n' +
        'Bob,Stone,bob@example.com,,,=1+2\r\n',
      '22-Contact-update.csv': 'Id,FirstName,Email,Description\r\n003A,,ada@new.example,#N/A\r\n',
      '81-Contact-delete.csv': 'Id\r\n003Z\r\n',
    });
    expect(out.skipped).toEqual([{ key: 'cy@example.com', op: 'update', reason: 'no-record-id' }]);
    expect(out.dropped).toEqual(['owner', 'lifecycle_stage']);
    expect(out.uncleared).toBe(0);
  });

  it('Salesforce upsert by external ID: one file, whole inserts, changed fields of updates', () => {
    const out = writeProfileFiles(SALESFORCE, 'contact', COLUMNS, OPS, {
      mode: 'upsert',
      upsertField: 'Legacy_Id__c',
    });
    expect(files(out)).toEqual({
      '21-Contact-upsert.csv':
        'Legacy_Id__c,FirstName,LastName,Email,AccountId,OwnerId,Description\r\n' +
        '003D,Bob,Stone,bob@example.com,,,=1+2\r\n' +
        '003A,,,ada@new.example,,,#N/A\r\n',
      '81-Contact-delete.csv': 'Id\r\n003Z\r\n',
    });
    expect(out.skipped.map((s) => `${s.key}:${s.reason}`)).toEqual([
      'lin@example.cn:no-external-id',
      'cy@example.com:no-external-id',
    ]);
  });

  it('HubSpot: internal names, Record ID for updates, the owner ID wins its column, no deletes', () => {
    const out = writeProfileFiles(HUBSPOT, 'contact', COLUMNS, OPS, { mode: 'id' });
    expect(files(out)).toEqual({
      '21-contacts-insert.csv':
        'firstname,lastname,email,associatedcompanyid,hubspot_owner_id,lifecyclestage\r\n' +
        'Lin,Wei,lin@example.cn,001A,005X,lead\r\n' +
        'Bob,Stone,bob@example.com,,,\r\n',
      '22-contacts-update.csv': 'Record ID,firstname,email\r\n003A,,ada@new.example\r\n',
    });
    expect(out.dropped).toEqual(['owner', 'notes']);
    expect(out.skipped.map((s) => `${s.op}:${s.reason}`)).toEqual([
      'update:no-record-id',
      'delete:deletes-not-imported',
    ]);
  });

  it('Dynamics 365: UTF-8 with BOM, display names, whole records on update', () => {
    const out = writeProfileFiles(DYNAMICS, 'contact', COLUMNS, OPS, { mode: 'id' });
    expect(files(out)).toEqual({
      '21-Contact-insert.csv':
        '\uFEFFFirst Name,Last Name,Email,Owner,Description\r\n' +
        'Lin,Wei,lin@example.cn,Ann,"Met, at ""expo"""\r\n' +
        'Bob,Stone,bob@example.com,,=1+2\r\n',
      '22-Contact-update.csv':
        '\uFEFF(Do Not Modify) Contact,First Name,Last Name,Email,Owner,Description\r\n003A,Ada,Lovelace,ada@new.example,Ann,\r\n',
    });
    expect(out.dropped).toEqual(['account_id', 'owner_id', 'lifecycle_stage']);
  });

  it('Zoho CRM: API names, lookups as Account_Name.id, split at the row limit', () => {
    const out = writeProfileFiles({ ...ZOHO, maxRowsPerFile: 1 }, 'contact', COLUMNS, OPS, {
      mode: 'id',
    });
    expect(files(out)).toEqual({
      '21-Contacts-insert-1.csv':
        'First_Name,Last_Name,Email,Account_Name.id,Owner.id,Description\r\nLin,Wei,lin@example.cn,001A,005X,"Met, at ""expo"""\r\n',
      '21-Contacts-insert-2.csv':
        'First_Name,Last_Name,Email,Account_Name.id,Owner.id,Description\r\nBob,Stone,bob@example.com,,,=1+2\r\n',
      '22-Contacts-update.csv':
        'Id,First_Name,Last_Name,Email,Account_Name.id,Owner.id,Description\r\n003A,Ada,Lovelace,ada@new.example,001A,005X,\r\n',
    });
  });

  it('Pipedrive: ID for updates; a cleared field it cannot clear is counted', () => {
    const out = writeProfileFiles(PIPEDRIVE, 'contact', COLUMNS, OPS, { mode: 'id' });
    expect(files(out)['22-Person-update.csv']).toBe(
      'ID,First name,Email,Note\r\n003A,,ada@new.example,\r\n',
    );
    expect(files(out)['21-Person-insert.csv']).toBe(
      'First name,Last name,Email,Organization ID,Owner,Label,Note\r\n' +
        'Lin,Wei,lin@example.cn,001A,005X,lead,"Met, at ""expo"""\r\n' +
        'Bob,Stone,bob@example.com,,,,=1+2\r\n',
    );
    expect(out.uncleared).toBe(1);
  });

  it('Odoo: the id column is the external ID on insert too; relations as field/id', () => {
    const out = writeProfileFiles(ODOO, 'contact', COLUMNS, OPS, { mode: 'id' });
    expect(files(out)).toEqual({
      '21-res.partner-insert.csv':
        'id,email,parent_id/id,user_id,user_id/id,comment\r\n' +
        ',lin@example.cn,001A,Ann,005X,"Met, at ""expo"""\r\n' +
        '003D,bob@example.com,,,,=1+2\r\n',
      '22-res.partner-update.csv':
        'id,email,parent_id/id,user_id,user_id/id,comment\r\n003A,ada@new.example,001A,Ann,005X,\r\n',
    });
  });

  it('orders files parents first on insert, children first on delete', () => {
    const del: ProfileOperation = { op: 'delete', key: 'k', fields: [], record: ['X1', 'n'] };
    const ins: ProfileOperation = { op: 'insert', key: 'k', fields: [], record: ['', 'n'] };
    const names = (['deal', 'company', 'contact'] as const).flatMap((object) =>
      writeProfileFiles(SALESFORCE, object, ['external_id', 'name'], [ins, del], {
        mode: 'id',
      }).files.map((f) => f.name),
    );
    expect(names.sort()).toEqual([
      '11-Account-insert.csv',
      '21-Contact-insert.csv',
      '31-Opportunity-insert.csv',
      '71-Opportunity-delete.csv',
      '81-Contact-delete.csv',
      '91-Account-delete.csv',
    ]);
  });

  it('every profile names the same objects and documents its rules', () => {
    for (const p of PROFILES) {
      expect(Object.keys(p.objects).sort()).toEqual(['company', 'contact', 'deal']);
      expect(p.docs.length).toBeGreaterThan(0);
      expect(p.docs.every((d) => d.startsWith('https://'))).toBe(true);
    }
  });

  it('the manifest lists files in load order, left-out fields and records not written', () => {
    const out = writeProfileFiles(SALESFORCE, 'contact', COLUMNS, OPS, { mode: 'id' });
    expect(profileManifest(SALESFORCE, out)).toBe(
      [
        'Salesforce (Data Loader / Bulk API 2.0) import files',
        '',
        'Load the files in name order:',
        '  21-Contact-insert.csv  2 records',
        '  22-Contact-update.csv  1 record',
        '  81-Contact-delete.csv  1 record',
        '',
        'Encoding: UTF-8, comma-separated, CRLF line ends.',
        'A cell "#N/A" in an update file clears that field; an empty cell leaves it unchanged.',
        'Fields with no column in Salesforce (Data Loader / Bulk API 2.0), left out: owner, lifecycle_stage.',
        '',
        'Records not written:',
        '  update cy@example.com: no record ID (field external_id) to name the existing record',
        '',
        'Rules from:',
        ...SALESFORCE.docs.map((d) => `  ${d}`),
        '',
      ].join('\r\n'),
    );
  });
});
