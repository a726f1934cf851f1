import { describe, expect, it } from 'vitest';
import { LookupIndex } from '../../../../src/core/lookup/match-lookup';
import { companyKey, domainKey, emailKey } from '../../../../src/core/lookup/normalize';
import { tableFromRows } from '../../../../src/core/model/table';

describe('companyKey', () => {
  it.each([
    ['Acme', 'acme'],
    ['  ACME  ', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['acme corp', 'acme'],
    ['Acme Holdings Ltd', 'acme holdings'],
    ['ACME   Holdings, Limited', 'acme holdings'],
    ['Müller GmbH & Co. KG', 'müller'],
    ['Müller GmbH', 'müller'],
    ['Globex S.A.', 'globex'],
    ['Initech LLC', 'initech'],
    ['Société Générale SA', 'société générale'],
    ['北京字节跳动科技有限公司', '北京字节跳动科技'],
    ['华为技术有限公司', '华为技术'],
    ['阿里巴巴（中国）有限公司', '阿里巴巴 中国'],
    ['腾讯控股股份有限公司', '腾讯控股'],
    ['ＡＣＭＥ　Ｉｎｃ', 'acme'],
    ['トヨタ自動車株式会社', 'トヨタ自動車'],
    // A name that is only a legal form keeps it rather than becoming empty.
    ['Inc', 'inc'],
    ['有限公司', '有限公司'],
    // Legal words inside a name are part of it.
    ['The Limited Co Store', 'the limited co store'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (name, key) => {
    expect(companyKey(name)).toBe(key);
  });
});

describe('domainKey and emailKey', () => {
  it.each([
    ['acme.example', 'acme.example'],
    ['https://WWW.Acme.example:8443/about?x=1', 'acme.example'],
    ['http://acme.example.', 'acme.example'],
    ['ada@Acme.Example', 'acme.example'],
    ['www.acme.example/contact', 'acme.example'],
    ['', ''],
  ])('domainKey(%j) → %j', (value, key) => {
    expect(domainKey(value)).toBe(key);
  });

  it.each([
    [' Ann@Example.COM ', 'ann@example.com'],
    ['', ''],
  ])('emailKey(%j) → %j', (value, key) => {
    expect(emailKey(value)).toBe(key);
  });
});

describe('LookupIndex.match', () => {
  const accounts = tableFromRows(
    ['Id', 'Name', 'Website'],
    [
      ['001A', 'Acme Inc', 'https://acme.example'],
      ['001B', 'Globex GmbH', 'globex.example'],
      ['001C', 'Initech Ltd', 'initech.example'],
      ['001D', 'INITECH LLC', 'initech.example'],
      // The same account twice (a duplicate row) is still one match.
      ['001E', '字节跳动有限公司', 'bytedance.example'],
      ['001E', '字节跳动 有限公司', 'bytedance.example'],
      // No ID: not a candidate.
      ['', 'Nameless Co', 'nameless.example'],
    ],
  );
  const byName = new LookupIndex(accounts, 1, 0, 'company');
  const byDomain = new LookupIndex(accounts, 2, 0, 'domain');

  it.each([
    ['acme', { status: 'matched', value: '001A' }],
    ['ACME, Inc.', { status: 'matched', value: '001A' }],
    ['Acme Corporation', { status: 'matched', value: '001A' }],
    ['globex', { status: 'matched', value: '001B' }],
    ['字节跳动', { status: 'matched', value: '001E' }],
    [
      'Initech',
      {
        status: 'ambiguous',
        candidates: [
          { value: '001C', label: 'Initech Ltd' },
          { value: '001D', label: 'INITECH LLC' },
        ],
      },
    ],
    ['Umbrella', { status: 'missing' }],
    ['Nameless', { status: 'missing' }],
    ['', { status: 'empty' }],
    [null, { status: 'empty' }],
  ])('by name %j', (value, expected) => {
    expect(byName.match(value)).toEqual(expected);
  });

  it.each([
    ['www.acme.example', { status: 'matched', value: '001A' }],
    ['someone@globex.example', { status: 'matched', value: '001B' }],
    [
      'initech.example',
      {
        status: 'ambiguous',
        candidates: [
          { value: '001C', label: 'initech.example' },
          { value: '001D', label: 'initech.example' },
        ],
      },
    ],
    ['acme.test', { status: 'missing' }],
  ])('by domain %j', (value, expected) => {
    expect(byDomain.match(value)).toEqual(expected);
  });

  it('owners by email, case-insensitive', () => {
    const users = tableFromRows(
      ['UserId', 'Email'],
      [
        ['005X', 'Ann@Example.com'],
        ['005Y', 'bo@example.com'],
      ],
    );
    const index = new LookupIndex(users, 1, 0, 'email');
    expect(index.match(' ann@example.COM')).toEqual({ status: 'matched', value: '005X' });
    expect(index.match('cy@example.com')).toEqual({ status: 'missing' });
  });
});
