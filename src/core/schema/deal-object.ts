import { defineField as f, defineOption as o } from './field-helpers';
import type { CrmObject, PicklistOption } from './schema-types';
import { sameLabel } from './schema-types';

/** ISO 4217 codes offered by default; a team can add others through a custom schema. */
const CURRENCY_CODES = [
  'USD',
  'EUR',
  'CNY',
  'GBP',
  'JPY',
  'CHF',
  'HKD',
  'SGD',
  'AUD',
  'CAD',
  'INR',
  'KRW',
  'TWD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'BRL',
  'MXN',
  'ZAR',
  'AED',
  'NZD',
];

const CURRENCY_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  USD: ['$', 'us$', 'dollar', '美元'],
  EUR: ['€', 'euro', '欧元'],
  CNY: ['rmb', '¥', '￥', 'yuan', '人民币', '元'],
  GBP: ['£', 'pound', '英镑'],
  JPY: ['円', 'yen', '日元'],
};

const CURRENCIES: readonly PicklistOption[] = CURRENCY_CODES.map((code) => {
  const synonyms = CURRENCY_SYNONYMS[code];
  return synonyms === undefined
    ? { value: code, label: sameLabel(code) }
    : { value: code, label: sameLabel(code), synonyms };
});

const DEAL_STAGES = [
  o('qualification', 'Qualification', '资格确认', [
    'qualified',
    'appointment scheduled',
    'qualifizierung',
    '初步接触',
  ]),
  o('needs_analysis', 'Needs analysis', '需求分析', ['discovery', 'bedarfsanalyse', '需求确认']),
  o('proposal', 'Proposal', '方案报价', [
    'proposal/price quote',
    'presentation scheduled',
    'quote',
    'angebot',
    '报价',
  ]),
  o('negotiation', 'Negotiation', '谈判', [
    'negotiation/review',
    'contract sent',
    'verhandlung',
    '商务谈判',
  ]),
  o('closed_won', 'Closed won', '赢单', ['won', 'closed won', 'gewonnen', '成交', '赢单']),
  o('closed_lost', 'Closed lost', '丢单', ['lost', 'closed lost', 'verloren', '输单', '丢单']),
];

/**
 * The built-in Deal (opportunity) object.
 *
 * @example
 * DEAL_OBJECT.fields.find((x) => x.key === 'currency')?.options?.[0]?.value; // 'USD'
 */
export const DEAL_OBJECT: CrmObject = {
  key: 'deal',
  label: { en: 'Deal', 'zh-CN': '商机' },
  fields: [
    f(
      'external_id',
      'External ID',
      '外部编号',
      'id',
      ['id', 'deal id', 'opportunity id', 'record id', '编号', '商机编号'],
      { unique: true, maxLength: 100 },
    ),
    f(
      'name',
      'Deal name',
      '商机名称',
      'text',
      [
        'name',
        'deal',
        'opportunity',
        'opportunity name',
        'dealname',
        'titel',
        'verkaufschance',
        '商机',
        '商机名称',
        '项目名称',
        '机会名称',
      ],
      { required: true, maxLength: 200 },
    ),
    f('amount', 'Amount', '金额', 'currency', [
      'value',
      'deal value',
      'deal amount',
      'opportunity amount',
      'betrag',
      'wert',
      'volumen',
      '金额',
      '商机金额',
      '合同金额',
      '预计金额',
    ]),
    f(
      'currency',
      'Currency',
      '币种',
      'picklist',
      [
        'currency code',
        'deal currency code',
        'currency iso code',
        'währung',
        '货币',
        '币种',
        '币别',
      ],
      { options: CURRENCIES },
    ),
    f(
      'stage',
      'Stage',
      '阶段',
      'picklist',
      [
        'deal stage',
        'sales stage',
        'opportunity stage',
        'phase',
        'status',
        'stufe',
        '阶段',
        '销售阶段',
        '商机阶段',
      ],
      { options: DEAL_STAGES },
    ),
    f('close_date', 'Close date', '预计成交日期', 'date', [
      'closing date',
      'expected close date',
      'close',
      'abschlussdatum',
      '成交日期',
      '结单日期',
      '预计成交日期',
    ]),
    f(
      'company',
      'Company',
      '公司',
      'text',
      [
        'company name',
        'account',
        'account name',
        'associated company',
        'organization',
        'firma',
        'unternehmen',
        'kunde',
        '公司',
        '公司名称',
        '客户',
        '客户名称',
      ],
      { maxLength: 200 },
    ),
    f(
      'contact',
      'Contact',
      '联系人',
      'text',
      [
        'contact name',
        'associated contact',
        'primary contact',
        'ansprechpartner',
        'kontakt',
        '联系人',
        '联系人姓名',
      ],
      { maxLength: 200 },
    ),
  ],
};
